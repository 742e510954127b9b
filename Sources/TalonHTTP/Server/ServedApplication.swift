import Foundation
import TalonAPI

/// One application of `talon serve`: the API that answers its requests and the credentials
/// that select it. With several, a request goes to the application whose API key it carries,
/// or whose id signed it (`docs/behaviour.md`, "Several applications").
public struct ServedApplication: Sendable {
  public var api: any IntegrationAPI
  /// The application id a `Content-Signature` names as `signer`; nil: signatures are refused.
  public var id: Int?
  /// The key of `Authorization: ApiKey-v1 <key>`; nil: API keys are refused.
  public var apiKey: String?
  /// The application key (hex) of `Content-Signature`; nil: signatures are refused.
  public var applicationKey: String?
  /// The application's `/talon/test/...` work, reached with its API key; nil: none.
  public var testControl: TestControl?

  public init(
    api: any IntegrationAPI, id: Int?, apiKey: String?, applicationKey: String? = nil,
    testControl: TestControl? = nil
  ) {
    self.api = api
    self.id = id
    self.apiKey = apiKey
    self.applicationKey = applicationKey
    self.testControl = testControl
  }
}
