extension HTMLReport {
  /// The page's only style sheet, inline. On screen the page is an A4 sheet on a grey desk;
  /// printed, it fills A4 within the `@page` margins. Colours are kept when printing, and a
  /// checklist row, a reason or a quoted clause is never split across pages.
  ///
  /// Physical `left`/`right` appear only where a shape must not mirror (the tick); everything
  /// else uses logical properties, so the one sheet serves right-to-left and left-to-right pages.
  static let styleSheet = """
    :root { --ink: #1b1f24; --muted: #5b6470; --line: #c9cfd6; --accent: #0b5d4b;
      --ok: #1a7f37; --ok-bg: #eef8f0; --bad: #b42318; --bad-bg: #fdf0ef; --warn: #8a5a00; --warn-bg: #fff6dc; }
    * { box-sizing: border-box; }
    html { background: #e9ecef; }
    body { margin: 0; padding: 24px 0; color: var(--ink); font-size: 15px; line-height: 1.55;
      font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", "DejaVu Sans", "Segoe UI", Tahoma, Arial,
        sans-serif; }
    html[lang="en"] body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Helvetica, Arial, "Noto Naskh Arabic",
      sans-serif; }
    .sheet { background: #fff; width: 210mm; min-height: 297mm; margin: 0 auto; padding: 15mm 15mm 12mm;
      box-shadow: 0 1px 4px rgba(0, 0, 0, .25); }
    .masthead { border-bottom: 2px solid var(--accent); padding-bottom: 8px; margin-bottom: 10px; }
    .association { margin: 0; font-weight: 700; font-size: 1.15em; color: var(--accent); }
    .association.other { font-weight: 400; font-size: .9em; color: var(--muted); }
    h1 { font-size: 1.45em; margin: .35em 0 .25em; }
    h2 { font-size: 1.08em; margin: 1.1em 0 .4em; padding-bottom: 2px; border-bottom: 1px solid var(--line); }
    dl.facts { display: flex; flex-wrap: wrap; gap: 2px 28px; margin: 0; }
    dl.facts div { display: flex; gap: 6px; }
    dt { color: var(--muted); }
    dt::after { content: ":"; }
    dd { margin: 0; font-weight: 600; }
    .iso { color: var(--muted); font-weight: 400; font-size: .85em; white-space: nowrap; }
    .date { white-space: nowrap; }
    .verdict { display: flex; gap: 14px; align-items: baseline; margin: 12px 0 4px; padding: 8px 14px;
      border: 2px solid; border-radius: 6px; }
    .verdict p { margin: 0; }
    .verdict-word { font-weight: 800; font-size: 1.3em; white-space: nowrap; }
    .verdict.eligible { border-color: var(--ok); background: var(--ok-bg); }
    .verdict.eligible .verdict-word { color: var(--ok); }
    .verdict.ineligible { border-color: var(--bad); background: var(--bad-bg); }
    .verdict.ineligible .verdict-word { color: var(--bad); }
    .verdict.incomplete { border-color: var(--warn); background: var(--warn-bg); }
    .verdict.incomplete .verdict-word { color: var(--warn); }
    table.checklist { width: 100%; border-collapse: collapse; font-size: .95em; }
    .checklist th, .checklist td { padding: 6px 8px; text-align: start; vertical-align: top;
      border-bottom: 1px solid var(--line); }
    .checklist th { background: #f3f5f7; font-weight: 700; white-space: nowrap; }
    .checklist .tick { width: 2.4em; text-align: center; }
    .checklist .item { font-weight: 600; width: 34%; }
    .checklist .status, .checklist .party { white-space: nowrap; }
    .checklist tr.not_required td { color: var(--muted); }
    .box { display: inline-block; position: relative; width: 1.1em; height: 1.1em; vertical-align: -.2em;
      border: 1.5px solid var(--ink); border-radius: 2px; background: #fff; }
    .box.checked { border-color: var(--ok); }
    .box.checked::after { content: ""; position: absolute; left: .32em; top: .06em; width: .3em; height: .62em;
      border: solid var(--ok); border-width: 0 .16em .16em 0; transform: rotate(45deg); }
    .box.na { border-color: var(--line); }
    .box.na::after { content: ""; position: absolute; left: .15em; right: .15em; top: 45%;
      border-top: 1.5px solid var(--muted); }
    .badge { display: inline-block; padding: 0 .55em; border: 1px solid; border-radius: 999px; font-size: .9em; }
    .badge.provided { color: var(--ok); background: var(--ok-bg); }
    .badge.missing, .badge.expired, .badge.invalid { color: var(--bad); background: var(--bad-bg); }
    .badge.undetermined { color: var(--warn); background: var(--warn-bg); }
    .badge.not_required { color: var(--muted); background: #f3f5f7; }
    ol.reasons { margin: 0; padding-inline-start: 1.5em; }
    ol.reasons li { margin: 0 0 .7em; }
    ol.reasons li.failed::marker { color: var(--bad); font-weight: 700; }
    ol.reasons li.undecided::marker { color: var(--warn); font-weight: 700; }
    li p { margin: 0 0 .2em; }
    .values { color: var(--muted); }
    blockquote { margin: .2em 0 .3em; padding: .25em .8em; border-inline-start: 3px solid var(--accent);
      background: #f4f8f6; font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", serif; }
    .assumed { margin: .2em 0 .3em; padding: .25em .8em; border-inline-start: 3px dashed #c9a227; background: #fffaf0; }
    .assumed p { margin: .15em 0 0; }
    .assumed .tag { display: inline-block; padding: 0 .4em; border: 1px solid #e0c36b; border-radius: 3px;
      background: #fff3cd; font-size: .85em; }
    code { padding: 0 .25em; border-radius: 3px; background: #f3f5f7; font-size: .85em;
      font-family: "DejaVu Sans Mono", "Noto Sans Mono", Consolas, monospace; direction: ltr; unicode-bidi: isolate; }
    .facts-missing { margin: 0; padding-inline-start: 1.5em; }
    .action { margin: .1em 0 .35em; font-weight: 700; font-size: 1.05em; }
    .todo { margin: .3em 0; }
    .signatures { display: flex; gap: 18px; margin-top: 26px; }
    .signatures p { display: flex; flex: 1; gap: 8px; align-items: flex-end; margin: 0; white-space: nowrap; }
    .signatures p:first-child { flex: 1.6; }
    .signatures .line { flex: 1; height: 1.4em; border-bottom: 1px solid var(--ink); }
    footer { margin-top: 18px; padding-top: 6px; border-top: 1px solid var(--line); color: var(--muted);
      font-size: .8em; }
    footer p { margin: 0 0 2px; }
    .fingerprint { background: none; word-break: break-all; }
    .draft { margin: 0 0 10px; padding: 4px; color: #fff; background: var(--bad); font-weight: 800;
      text-align: center; }
    footer .draft { margin: 6px 0 0; }
    @page { size: A4; margin: 14mm 15mm; }
    @media print {
      html, body { background: none; padding: 0; }
      body { font-size: 10.5pt; }
      .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      tr, li, blockquote, .assumed, .verdict, .signatures { break-inside: avoid; }
      h2 { break-after: avoid; }
      thead { display: table-header-group; }
    }
    """
}
