import Glibc

extension SystemError {
  /// The system's reason in Arabic for the failures a person can act on (a missing file, a full
  /// disk, no permission); `strerror`'s English for the rest, which only a system administrator
  /// reads and which is what a search for the error finds.
  package var arabicReason: String {
    switch code {
    case ENOENT, ENOTDIR: "لا يوجد ملف بهذا الاسم"
    case EACCES, EPERM: "لا إذن بالوصول إليه"
    case EEXIST: "يوجد ملف بهذا الاسم من قبل"
    case EISDIR: "هذا مجلد لا ملف"
    case ENOSPC: "لا مساحة متبقية على القرص"
    case EROFS: "نظام الملفات للقراءة فقط"
    case EIO: "خطأ في القراءة أو الكتابة على القرص"
    default: reason
    }
  }
}
