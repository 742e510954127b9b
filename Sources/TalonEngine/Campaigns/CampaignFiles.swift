import Foundation
import TalonAPI

/// Every application that one or several campaign files describe (`--campaigns`, once per
/// file), each as a `CampaignPack`, checked together: application ids, names and API keys are
/// unique, and so are campaign and loyalty program ids, which Talon.One keeps global
/// (`docs/behaviour.md`, "Several applications").
public struct CampaignFiles: Sendable {
  /// The applications in file order, each knowing all of them (`CampaignPack.applications`).
  public private(set) var packs: [CampaignPack]

  /// Reads and checks the files; a problem names the file and the JSON pointer.
  public static func load(from paths: [String]) throws -> CampaignFiles {
    var packs: [CampaignPack] = []
    for path in paths {
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
      } catch {
        throw CampaignFileError(pointer: "", message: "cannot read the file", source: path)
      }
      packs += try documentPacks(data, source: path)
    }
    return try CampaignFiles(checking: packs)
  }

  /// Validates one campaign document; `source` names it in errors.
  public static func parse(_ data: Data, source: String) throws -> CampaignFiles {
    try CampaignFiles(checking: try documentPacks(data, source: source))
  }

  /// The built-in demo shop alone.
  public static var demo: CampaignFiles {
    get throws { CampaignFiles(packs: [try CampaignPack.demo]) }
  }

  private init(packs: [CampaignPack]) {
    self.packs = packs
  }

  private init(checking packs: [CampaignPack]) throws {
    try Self.checkUnique(packs)
    let applications = packs.map(\.application)
    self.packs = packs.map { pack in
      var pack = pack
      pack.applications = applications
      return pack
    }
  }

  private static func documentPacks(_ data: Data, source: String) throws -> [CampaignPack] {
    do {
      let json: JSONValue
      do {
        json = try JSONValue(parsing: data)
      } catch {
        throw CampaignFileError(pointer: "", message: "\(error)")
      }
      let text = String(decoding: data, as: UTF8.self)
      return try CampaignFileParser().packs(json).map { pack in
        var pack = pack
        pack.source = source
        for index in pack.warnings.indices { pack.warnings[index].source = source }
        pack.fileText = text
        return pack
      }
    } catch var error as CampaignFileError {
      error.source = source
      throw error
    }
  }

  /// Whether the files describe several applications.
  public var isSeveral: Bool { packs.count > 1 }

  /// The application `selector` names (its id, or its name exactly); nil picks the only one.
  /// Throws `ApplicationChoiceError`, which lists the applications, when there are several and
  /// none is named, or when the name is none of them.
  public func pack(for selector: String?) throws -> CampaignPack {
    guard let selector else {
      if packs.count == 1 { return packs[0] }
      throw ApplicationChoiceError(
        message: "the campaign files describe \(packs.count) applications: choose one with --app",
        applications: packs.map(\.application))
    }
    if let pack = packs.first(where: { $0.application.name == selector }) { return pack }
    if let id = Int(selector), let pack = packs.first(where: { $0.application.id == id }) {
      return pack
    }
    throw ApplicationChoiceError(
      message: "no application '\(selector)' in the campaign files",
      applications: packs.map(\.application))
  }

  /// Ids, names and API keys of applications, and campaign and program ids, are unique.
  private static func checkUnique(_ packs: [CampaignPack]) throws {
    var seen: [CampaignPack] = []
    for pack in packs {
      let application = pack.application
      let base = pack.document == nil ? "" : "/applications/\(pack.applicationIndex)"
      func clash(_ field: String, _ what: String, _ other: CampaignPack) -> CampaignFileError {
        let place = other.source == pack.source ? "" : " (\(other.source))"
        return CampaignFileError(
          pointer: base + "/application/" + field,
          message: "\(what) is already used by application '\(other.application.name)'\(place)",
          source: pack.source)
      }
      for other in seen {
        if other.application.id == application.id {
          throw clash("id", "application id \(application.id)", other)
        }
        if other.application.name == application.name {
          throw clash("name", "the name '\(application.name)'", other)
        }
        if let key = application.apiKey, other.application.apiKey == key {
          throw clash("apiKey", "the API key", other)
        }
        for campaign in pack.campaigns where other.campaign(campaign.id) != nil {
          throw CampaignFileError(
            pointer: base + "/campaigns/\(campaign.fileIndex)/id",
            message:
              "campaign id \(campaign.id) is already used by application '\(other.application.name)'"
              + " (campaign ids are global)",
            source: pack.source)
        }
        for (index, program) in pack.loyaltyPrograms.enumerated()
        where other.program(program.id) != nil {
          throw CampaignFileError(
            pointer: base + "/loyaltyPrograms/\(index)/id",
            message:
              "loyalty program id \(program.id) is already used by application"
              + " '\(other.application.name)' (loyalty program ids are global)",
            source: pack.source)
        }
      }
      seen.append(pack)
    }
  }
}

/// `--app` named no application, or was needed and missing: what to do, with the list.
public struct ApplicationChoiceError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var applications: [ApplicationSettings]

  public var description: String {
    let list = applications.map { "\($0.id) '\($0.name)'" }.joined(separator: ", ")
    return "\(message) (applications: \(list))"
  }
}
