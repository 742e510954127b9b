import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A loopback port held by a bound socket that does not listen: connecting to it is refused,
/// and no other test (or ephemeral bind) can take the port until `release()`.
final class ReservedPort: @unchecked Sendable {
  let port: Int
  private var descriptor: Int32
  private let lock = NSLock()

  init() throws {
    let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketFD >= 0 else { throw POSIXError(.EMFILE) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(socketFD, generic, length) == 0 && getsockname(socketFD, generic, &length) == 0
      }
    }
    guard bound else {
      close(socketFD)
      throw POSIXError(.EADDRINUSE)
    }
    descriptor = socketFD
    port = Int(UInt16(bigEndian: address.sin_port))
  }

  /// Gives the port back, e.g. so that a server can start listening on it.
  func release() {
    lock.lock()
    defer { lock.unlock() }
    if descriptor >= 0 {
      close(descriptor)
      descriptor = -1
    }
  }

  deinit { release() }
}
