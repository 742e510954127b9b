import Foundation
import TalonAPI

/// IntegrationGetAllCampaigns: the campaigns running at the operation's time, by id, filtered
/// and paged (docs/behaviour.md, "Campaign listing").
extension OperationContext {
  func runningCampaigns(_ query: [String: QueryValue]) throws -> IntegrationCampaignPage {
    let page = try paging(query)
    var wanted: Set<Int>?
    if let texts = query["campaignIds"]?.strings {
      wanted = Set(
        try texts.filter { !$0.isEmpty }.map { text in
          guard let id = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw IntegrationError.badRequest(
              "campaignIds must hold campaign ids (integers), not \"\(text)\"", title: "type",
              parameter: "campaignIds")
          }
          return id
        })
    }
    let startAfter = query["startAfter"]?.dateTime
    let startBefore = query["startBefore"]?.dateTime
    let endAfter = query["endAfter"]?.dateTime
    let endBefore = query["endBefore"]?.dateTime
    let listed = pack.campaigns.filter { definition in
      guard definition.isRunning(at: now) else { return false }
      if let wanted, !wanted.contains(definition.id) { return false }
      // A campaign without a start time started when it was created; one without an end
      // time never ends, so it ends after any time and before none.
      let start = definition.campaign.startTime ?? definition.campaign.created
      if let startAfter, start < startAfter { return false }
      if let startBefore, start > startBefore { return false }
      let end = definition.campaign.endTime
      if let endAfter, let end, end < endAfter { return false }
      if endBefore != nil, end == nil { return false }
      if let endBefore, let end, end > endBefore { return false }
      return true
    }
    return IntegrationCampaignPage(
      hasMore: listed.count > page.skip + page.size,
      data: listed.dropFirst(page.skip).prefix(page.size).map(integrationCampaign))
  }

  private func integrationCampaign(_ definition: CampaignDefinition) -> IntegrationCampaign {
    let campaign = definition.campaign
    return IntegrationCampaign(
      applicationId: applicationId, id: campaign.id, name: campaign.name,
      description: campaign.description, startTime: campaign.startTime,
      endTime: campaign.endTime, attributes: campaign.attributes, state: campaign.state,
      tags: campaign.tags, features: campaign.features,
      rules: definition.rules.map {
        IntegrationCampaignRule(
          title: $0.title, displayDescription: $0.description.isEmpty ? nil : $0.description)
      })
  }
}
