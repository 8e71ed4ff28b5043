import Glibc

/// A TCP socket: the system calls the server makes, each retried on `EINTR`, failures reported
/// as `SystemError`. Like `FileDescriptor`, the one place that hands socket memory to the kernel.
package struct Socket: Sendable, Hashable {
  package let raw: Int32

  package init(raw: Int32) { self.raw = raw }

  /// A listening IPv4 socket bound to `address:port` (`port` 0 lets the system choose), with
  /// `SO_REUSEADDR` so a restarted server can bind at once.
  package static func listen(address: String, port: UInt16, backlog: Int32 = 1024) throws(SystemError) -> Socket {
    var binary = in_addr()
    guard inet_pton(AF_INET, address, &binary) == 1 else { throw SystemError("inet_pton", code: EINVAL) }
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard descriptor >= 0 else { throw SystemError("socket", code: errno) }
    let made = Socket(raw: descriptor)
    var one: Int32 = 1
    _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var socketAddress = sockaddr_in()
    socketAddress.sin_family = sa_family_t(AF_INET)
    socketAddress.sin_port = port.bigEndian
    socketAddress.sin_addr = binary
    let bound = withUnsafePointer(to: &socketAddress) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0 else {
      let code = errno
      made.close()
      throw SystemError("bind", code: code)
    }
    guard Glibc.listen(descriptor, backlog) == 0 else {
      let code = errno
      made.close()
      throw SystemError("listen", code: code)
    }
    return made
  }

  /// The port this socket is bound to (the one the system chose for port 0).
  package var localPort: UInt16 {
    var socketAddress = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let result = withUnsafeMutablePointer(to: &socketAddress) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(raw, $0, &length) }
    }
    return result == 0 ? UInt16(bigEndian: socketAddress.sin_port) : 0
  }

  /// Waits up to `milliseconds` for this socket to become readable (data, a connection to accept,
  /// or the peer's close): true if it did, false on time out.
  package func waitReadable(milliseconds: Int32) -> Bool {
    var entry = pollfd(fd: raw, events: Int16(POLLIN), revents: 0)
    while true {
      let result = poll(&entry, 1, milliseconds)
      if result >= 0 { return result > 0 }
      if errno != EINTR { return true }  // let the read that follows report the error
    }
  }

  /// Accepts a waiting connection (close-on-exec, with `TCP_NODELAY` so small responses leave at
  /// once), or nil when none was waiting after all.
  package func accept() throws(SystemError) -> Socket? {
    while true {
      let descriptor = Glibc.accept(raw, nil, nil)
      if descriptor >= 0 {
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var one: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return Socket(raw: descriptor)
      }
      switch errno {
      case EINTR: continue
      case EAGAIN, ECONNABORTED, EPROTO: return nil
      default: throw SystemError("accept", code: errno)
      }
    }
  }

  /// Receives at most `count` bytes, appended to `buffer`: the number received, 0 when the peer
  /// has closed its side.
  package func receive(into buffer: inout [UInt8], count: Int) throws(SystemError) -> Int {
    let start = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: count))
    while true {
      let received = buffer.withUnsafeMutableBytes { bytes in
        recv(raw, bytes.baseAddress.map { $0 + start }, count, 0)
      }
      if received >= 0 {
        buffer.removeLast(count - received)
        return received
      }
      if errno == EINTR { continue }
      let code = errno
      buffer.removeLast(count)
      throw SystemError("recv", code: code)
    }
  }

  /// Sends every byte (without `SIGPIPE`: a peer that went away is an error, not a signal).
  package func sendAll(_ bytes: [UInt8]) throws(SystemError) {
    var sent = 0
    while sent < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        send(raw, buffer.baseAddress.map { $0 + sent }, buffer.count - sent, Int32(MSG_NOSIGNAL))
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw SystemError("send", code: errno)
      }
      sent += result
    }
  }

  /// Sets how long a blocking send may wait for the peer to read before it fails, so a client
  /// that stops reading cannot hold a connection's thread.
  package func setSendTimeout(seconds: Int) {
    var limit = timeval(tv_sec: seconds, tv_usec: 0)
    _ = setsockopt(raw, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
  }

  package func close() { _ = Glibc.close(raw) }
}

/// The process's handling of `SIGPIPE`: ignored, so that writing to a closed socket or pipe
/// returns an error the caller reports instead of ending the process.
package enum BrokenPipe {
  package static func ignore() { _ = signal(SIGPIPE, SIG_IGN) }
}
