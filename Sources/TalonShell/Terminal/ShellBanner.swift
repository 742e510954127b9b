/// The line an interactive shell starts with: talon's version, the backend, the campaign pack
/// and where to start (`help`, `campaigns`).
public enum ShellBanner {
  public static func text(version: String, backend: ShellBackend) -> String {
    var parts = ["talon \(version)", backend.description]
    if let pack = backend.campaignPack { parts.append("campaigns: \(pack)") }
    let start =
      backend.campaignPack == nil
      ? "type help for the commands" : "type help for the commands, campaigns for the campaigns"
    return parts.joined(separator: " · ") + " · " + start
  }
}
