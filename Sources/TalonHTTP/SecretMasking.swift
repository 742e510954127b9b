/// Text forms of the configurations that carry secrets. The API key and the application key
/// show as `****` in `description`, `debugDescription`, `dump` and debugger views, so that a
/// configuration interpolated into a message or a log line never prints a secret.
enum SecretMask {
  static func mask(_ secret: String?) -> String {
    secret == nil ? "nil" : "****"
  }
}

extension RemoteConfiguration: CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  public var description: String {
    "RemoteConfiguration(url: \(url), apiKey: \(SecretMask.mask(apiKey)), "
      + "appId: \(appId.map(String.init) ?? "nil"), appKey: \(SecretMask.mask(appKey)), "
      + "timeout: \(timeout), verbose: \(verbose), retry: \(retry))"
  }

  public var debugDescription: String { description }

  public var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "url": url, "apiKey": SecretMask.mask(apiKey), "appId": appId as Any,
        "appKey": SecretMask.mask(appKey), "timeout": timeout, "verbose": verbose,
        "retry": retry,
      ], displayStyle: .struct)
  }
}

extension ServerConfiguration: CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  public var description: String {
    "ServerConfiguration(host: \(host), port: \(port), apiKey: \(SecretMask.mask(apiKey)), "
      + "apiKeyIsExplicit: \(apiKeyIsExplicit), "
      + "applicationId: \(applicationId.map(String.init) ?? "nil"), "
      + "applicationKey: \(SecretMask.mask(applicationKey)), maxBodySize: \(maxBodySize), "
      + "idleTimeout: \(idleTimeout))"
  }

  public var debugDescription: String { description }

  public var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "host": host, "port": port, "apiKey": SecretMask.mask(apiKey),
        "apiKeyIsExplicit": apiKeyIsExplicit, "applicationId": applicationId as Any,
        "applicationKey": SecretMask.mask(applicationKey), "maxBodySize": maxBodySize,
        "idleTimeout": idleTimeout,
      ], displayStyle: .struct)
  }
}

extension ApplicationKey: CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  public var description: String { "ApplicationKey(****)" }
  public var debugDescription: String { description }
  public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
