import Foundation

/// Finds the password for a `PostgresLocation` the way `psql` does, never from a flag:
/// `PGPASSWORD` first, then the password file (`PGPASSFILE`, else `~/.pgpass`). No password is
/// not an error: the server may not ask for one.
public enum PostgresPassword {
  public static func find(
    for location: PostgresLocation, environment: [String: String]
  ) throws(PostgresStoreError) -> String? {
    if let password = environment["PGPASSWORD"] { return password }
    let path: String
    if let file = environment["PGPASSFILE"], !file.isEmpty {
      path = file
    } else if let home = environment["HOME"], !home.isEmpty {
      path = home + "/.pgpass"
    } else {
      return nil
    }
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    // Like libpq: a file others may read holds no secret worth trusting, so it is refused.
    if let mode = try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
      as? Int, mode & 0o077 != 0
    {
      throw .passwordFile(
        path: path, reason: "others can read it; run chmod 600 \(path)")
    }
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else { throw .passwordFile(path: path, reason: "cannot be read as UTF-8 text") }
    return match(text, location: location)
  }

  /// The password of the first line of a password file that matches the location: lines are
  /// `host:port:database:user:password`, `*` matches anything, `\:` and `\\` escape, `#` starts
  /// a comment line.
  static func match(_ text: String, location: PostgresLocation) -> String? {
    let wanted = [location.host, String(location.port), location.database, location.user]
    for line in text.split(whereSeparator: \.isNewline) {
      if line.hasPrefix("#") { continue }
      let fields = split(line)
      guard fields.count == 5 else { continue }
      if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) {
        return fields[4]
      }
    }
    return nil
  }

  private static func split(_ line: Substring) -> [String] {
    var fields: [String] = []
    var current = ""
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == ":" && fields.count < 4 {
        fields.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    fields.append(current)
    return fields
  }
}
