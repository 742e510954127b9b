import Foundation
import TalonAPI

/// Validates a campaign document and builds the `CampaignPack`. The format and its decisions
/// (`docs/behaviour.md`, "Campaign file"): unknown members are ignored; campaign ids, loyalty
/// program ids and coupon values must be unique; coupon values and code patterns have at least
/// 4 characters (the reference's `Coupon.value` / `Referral.code` minimum); a campaign may
/// carry `referralUsageLimit` (default 0).
struct CampaignFileParser {
  static let defaultCreated = Date(timeIntervalSince1970: 1_577_836_800)

  /// The applications of a campaign document: its one `application`, or each element of its
  /// `applications` array (`docs/campaigns.md`, "Several applications").
  func packs(_ json: JSONValue) throws -> [CampaignPack] {
    let root = try FieldReader(json, at: "", what: "a campaign document (an object)")
    guard let elements = try root.array("applications") else { return [try pack(json)] }
    if root.value("application") != nil {
      throw CampaignFileError(
        pointer: root.at("application"),
        message: "a file has either 'application' or 'applications', not both")
    }
    guard !elements.isEmpty else {
      throw CampaignFileError(
        pointer: root.at("applications"), message: "'applications' must not be empty")
    }
    return try elements.enumerated().map { index, element in
      var pack = try self.pack(element, at: root.at("applications") + "/\(index)")
      pack.document = element
      pack.applicationIndex = index
      return pack
    }
  }

  /// One application's document at `pointer` (`""`: the whole file).
  func pack(_ json: JSONValue, at pointer: String = "") throws -> CampaignPack {
    let root = try FieldReader(json, at: pointer, what: "a campaign document (an object)")
    let application = try self.application(root)
    var programs: [LoyaltyProgramDefinition] = []
    for (index, element) in (try root.array("loyaltyPrograms") ?? []).enumerated() {
      let reader = try FieldReader(element, at: root.at("loyaltyPrograms") + "/\(index)")
      guard let id = try reader.int("id") else {
        _ = try reader.require("id")
        continue
      }
      if programs.contains(where: { $0.id == id }) {
        throw CampaignFileError(
          pointer: reader.at("id"), message: "duplicate loyalty program id \(id)")
      }
      let name = try reader.string("name") ?? "program\(id)"
      programs.append(
        LoyaltyProgramDefinition(id: id, name: name, title: try reader.string("title") ?? name))
    }
    let compiler = ExpressionCompiler(
      loyaltyPrograms: Set(programs.map(\.id)), catalogue: try catalogue(root))
    var campaigns: [CampaignDefinition] = []
    var couponValues: Set<String> = []
    for (index, element) in (try root.array("campaigns") ?? []).enumerated() {
      let reader = try FieldReader(element, at: root.at("campaigns") + "/\(index)")
      var definition = try campaign(reader, application: application, compiler: compiler)
      definition.fileIndex = index
      if campaigns.contains(where: { $0.id == definition.id }) {
        throw CampaignFileError(
          pointer: reader.at("id"), message: "duplicate campaign id \(definition.id)")
      }
      for (couponIndex, coupon) in definition.coupons.enumerated() {
        guard couponValues.insert(coupon.value).inserted else {
          throw CampaignFileError(
            pointer: reader.at("coupons") + "/\(couponIndex)/value",
            message: "duplicate coupon '\(coupon.value)'")
        }
      }
      campaigns.append(definition)
    }
    campaigns.sort { $0.id < $1.id }
    var pack = CampaignPack(
      application: application, loyaltyPrograms: programs, campaigns: campaigns)
    pack.warnings = compiler.warnings
    return pack
  }

  /// The optional top-level `attributes` section: `{"name", "entity", "type"}` for each custom
  /// attribute rules may read (docs/campaigns.md, "Custom attributes").
  private func catalogue(_ root: FieldReader) throws -> AttributeCatalogue {
    guard let elements = try root.array("attributes") else { return AttributeCatalogue() }
    var declarations: [AttributeCatalogue.Declaration] = []
    for (index, element) in elements.enumerated() {
      let reader = try FieldReader(element, at: root.at("attributes") + "/\(index)")
      guard let name = try reader.nonEmptyString("name") else {
        throw CampaignFileError(pointer: reader.at("name"), message: "'name' is required")
      }
      guard let entity = try reader.nonEmptyString("entity") else {
        throw CampaignFileError(pointer: reader.at("entity"), message: "'entity' is required")
      }
      guard AttributeCatalogue.attributeEntities.contains(entity) else {
        throw CampaignFileError(
          pointer: reader.at("entity"),
          message:
            "unknown entity '\(entity)' (expected one of \(AttributeCatalogue.attributeEntities.joined(separator: ", ")))"
        )
      }
      let typeName = try reader.nonEmptyString("type") ?? ""
      guard let type = StaticType(declared: typeName) else {
        throw CampaignFileError(
          pointer: reader.at("type"),
          message:
            "unknown attribute type '\(typeName)' (expected one of \(StaticType.declarableNames.joined(separator: ", ")))"
        )
      }
      if declarations.contains(where: { $0.entity == entity && $0.name == name }) {
        throw CampaignFileError(
          pointer: reader.at("name"), message: "duplicate attribute \(entity).Attributes.\(name)")
      }
      declarations.append(.init(name: name, entity: entity, type: type))
    }
    return AttributeCatalogue(declarations: declarations)
  }

  private func application(_ root: FieldReader) throws -> ApplicationSettings {
    guard let reader = try root.object("application") else {
      throw CampaignFileError(pointer: root.at("application"), message: "'application' is required")
    }
    _ = try reader.require("id")
    let id = try reader.int("id", minimum: 1) ?? 1
    let currency = try reader.string("currency") ?? "EUR"
    guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
      throw CampaignFileError(
        pointer: reader.at("currency"), message: "'\(currency)' is not an ISO 4217 currency code")
    }
    let key = try reader.nonEmptyString("key")
    if let key {
      guard key.count % 2 == 0, key.allSatisfy(\.isHexDigit) else {
        throw CampaignFileError(
          pointer: reader.at("key"),
          message: "the application key must be an even number of hex digits")
      }
    }
    return ApplicationSettings(
      id: id, name: try reader.string("name") ?? "Application \(id)", currency: currency,
      key: key?.lowercased(), apiKey: try reader.nonEmptyString("apiKey"))
  }

  private func campaign(
    _ reader: FieldReader, application: ApplicationSettings, compiler: ExpressionCompiler
  ) throws -> CampaignDefinition {
    _ = try reader.require("id")
    let id = try reader.int("id", minimum: 1) ?? 0
    guard let name = try reader.nonEmptyString("name") else {
      throw CampaignFileError(pointer: reader.at("name"), message: "'name' is required")
    }
    var features: [CampaignFeature] = []
    for (index, element) in (try reader.array("features") ?? []).enumerated() {
      let pointer = reader.at("features") + "/\(index)"
      guard case .string(let text) = element else {
        throw CampaignFileError(
          pointer: pointer, message: "expected a string, got \(element.typeName)")
      }
      features.append(try FieldReader.checked(text, CampaignFeature.self, at: pointer))
    }
    var tags: [String] = []
    for (index, element) in (try reader.array("tags") ?? []).enumerated() {
      guard case .string(let text) = element else {
        throw CampaignFileError(
          pointer: reader.at("tags") + "/\(index)",
          message: "expected a string, got \(element.typeName)")
      }
      tags.append(text)
    }
    let startTime = try reader.date("startTime")
    let endTime = try reader.date("endTime")
    if let startTime, let endTime, endTime <= startTime {
      throw CampaignFileError(
        pointer: reader.at("endTime"), message: "endTime must be after startTime")
    }
    let attributes = try reader.value("attributes").map { value -> JSONValue in
      guard case .object = value else { throw reader.mismatch("attributes", "an object", value) }
      return value
    }
    let campaign = Campaign(
      id: id, created: try reader.date("created") ?? Self.defaultCreated,
      applicationId: application.id, userId: try reader.int("userId") ?? 0, name: name,
      description: try reader.string("description") ?? "", startTime: startTime,
      endTime: endTime, attributes: attributes,
      state: try reader.enumValue("state", CampaignState.self) ?? .enabled,
      activeRulesetId: try reader.int("activeRulesetId") ?? id, tags: tags, features: features,
      couponSettings: try codeSettings(reader, "couponSettings"),
      referralSettings: try codeSettings(reader, "referralSettings"),
      limits: try limits(reader))
    let rules = try self.rules(reader, compiler: compiler)
    var coupons: [Coupon] = []
    var reservationsIn2020Sense: Set<String> = []
    for (index, element) in (try reader.array("coupons") ?? []).enumerated() {
      let couponReader = try FieldReader(element, at: reader.at("coupons") + "/\(index)")
      let coupon = try coupon(couponReader, campaign: campaign)
      if try couponReader.bool("isReservationMandatory") == nil, coupon.reservation == false {
        reservationsIn2020Sense.insert(coupon.value)
      }
      coupons.append(coupon)
    }
    return CampaignDefinition(
      campaign: campaign, coupons: coupons,
      referralUsageLimit: try reader.int("referralUsageLimit", minimum: 0) ?? 0, rules: rules,
      reservationsIn2020Sense: reservationsIn2020Sense)
  }

  private func codeSettings(_ reader: FieldReader, _ key: String) throws -> CodeGeneratorSettings? {
    guard let settings = try reader.object(key) else { return nil }
    let pattern = try settings.string("couponPattern") ?? "##########"
    guard pattern.count >= 4 else {
      throw CampaignFileError(
        pointer: settings.at("couponPattern"),
        message: "the pattern needs at least 4 characters (codes have at least 4)")
    }
    guard pattern.contains("#") else {
      throw CampaignFileError(
        pointer: settings.at("couponPattern"), message: "the pattern needs at least one '#'")
    }
    var characters: [String] = []
    for (index, element) in (try settings.array("validCharacters") ?? []).enumerated() {
      let pointer = settings.at("validCharacters") + "/\(index)"
      guard case .string(let text) = element, CodeGenerator.expand([text]) != nil else {
        throw CampaignFileError(
          pointer: pointer, message: "expected a character or a range like \"A-Z\"")
      }
      characters.append(text)
    }
    return CodeGeneratorSettings(
      validCharacters: characters.isEmpty ? ["A-Z", "0-9"] : characters, couponPattern: pattern)
  }

  private func limits(_ reader: FieldReader) throws -> [LimitConfig] {
    var limits: [LimitConfig] = []
    for (index, element) in (try reader.array("limits") ?? []).enumerated() {
      let limit = try FieldReader(element, at: reader.at("limits") + "/\(index)")
      _ = try limit.require("action")
      _ = try limit.require("limit")
      let action = try limit.enumValue("action", LimitAction.self) ?? .redeemCoupon
      let amount = try limit.decimal("limit") ?? 0
      guard amount >= 0 else {
        throw CampaignFileError(pointer: limit.at("limit"), message: "must be at least 0")
      }
      var entities: [LimitEntity] = []
      for (entityIndex, entity) in (try limit.array("entities") ?? []).enumerated() {
        let pointer = limit.at("entities") + "/\(entityIndex)"
        guard case .string(let text) = entity else {
          throw CampaignFileError(
            pointer: pointer, message: "expected a string, got \(entity.typeName)")
        }
        entities.append(try FieldReader.checked(text, LimitEntity.self, at: pointer))
      }
      limits.append(LimitConfig(action: action, limit: amount, entities: entities))
    }
    return limits
  }

  private func rules(_ reader: FieldReader, compiler: ExpressionCompiler) throws -> [Rule] {
    guard let ruleset = try reader.object("ruleset") else {
      throw CampaignFileError(pointer: reader.at("ruleset"), message: "'ruleset' is required")
    }
    guard let elements = try ruleset.array("rules") else {
      throw CampaignFileError(pointer: ruleset.at("rules"), message: "'rules' is required")
    }
    var rules: [Rule] = []
    for (index, element) in elements.enumerated() {
      compiler.startRule()
      let rule = try FieldReader(element, at: ruleset.at("rules") + "/\(index)")
      guard let title = try rule.string("title") else {
        throw CampaignFileError(pointer: rule.at("title"), message: "'title' is required")
      }
      var bindings: [(name: String, expression: Expression)] = []
      for (bindingIndex, binding) in (try rule.array("bindings") ?? []).enumerated() {
        let reader = try FieldReader(binding, at: rule.at("bindings") + "/\(bindingIndex)")
        guard let name = try reader.nonEmptyString("name") else {
          throw CampaignFileError(pointer: reader.at("name"), message: "'name' is required")
        }
        let expression = try compiler.compileTyped(
          try reader.require("expression"), at: reader.at("expression"))
        compiler.bind(name, expression.type)
        bindings.append((name, expression.expression))
      }
      let condition = try compiler.compileCondition(
        rule.value("condition") ?? true, at: rule.at("condition"))
      var effects: [Expression] = []
      for (effectIndex, effect) in (try rule.array("effects") ?? []).enumerated() {
        effects.append(
          try compiler.compileEffect(effect, at: rule.at("effects") + "/\(effectIndex)"))
      }
      rules.append(
        Rule(
          title: title, description: try rule.string("description") ?? "", bindings: bindings,
          condition: condition, effects: effects, checksCoupon: condition.uses(.couponValid),
          checksReferral: condition.uses(.referralValid)))
    }
    return rules
  }

  private func coupon(_ reader: FieldReader, campaign: Campaign) throws -> Coupon {
    guard let value = try reader.nonEmptyString("value") else {
      throw CampaignFileError(pointer: reader.at("value"), message: "'value' is required")
    }
    guard value.count >= 4 else {
      throw CampaignFileError(
        pointer: reader.at("value"), message: "a coupon value needs at least 4 characters")
    }
    let startDate = try reader.date("startDate")
    let expiryDate = try reader.date("expiryDate")
    let attributes = try reader.value("attributes").map { value -> JSONValue in
      guard case .object = value else { throw reader.mismatch("attributes", "an object", value) }
      return value
    }
    // docs/behaviour.md, "Reservations in both generations": without `isReservationMandatory`,
    // the 2020 `reservation: false` means a reservation is required.
    let reservation = try reader.bool("reservation") ?? true
    return Coupon(
      id: 0, created: campaign.created, campaignId: campaign.id, value: value,
      usageLimit: try reader.int("usageLimit", minimum: 0) ?? 0, startDate: startDate,
      expiryDate: expiryDate, usageCounter: 0, attributes: attributes,
      recipientIntegrationId: try reader.nonEmptyString("recipientIntegrationId"),
      reservation: reservation, batchId: try reader.string("batchId"),
      isReservationMandatory: try reader.bool("isReservationMandatory") ?? !reservation)
  }
}
