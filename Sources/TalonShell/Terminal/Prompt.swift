import TalonRendering

/// What the prompt shows: the backend and the current profile and session, if any.
public struct PromptContext: Sendable, Equatable {
  /// `embedded`, or the host of a remote server.
  public var backend: String
  public var profile: String?
  public var session: String?

  public init(backend: String, profile: String? = nil, session: String? = nil) {
    self.backend = backend
    self.profile = profile
    self.session = session
  }
}

/// Renders the shell's prompts: `talon BACKEND PROFILE/SESSION> `.
///
/// Decisions: with only a profile the context is `alice`, with only a session it is `/s1`,
/// with neither it is left out (`talon embedded> `). The continuation prompt for multi-line
/// input is `... ` right-aligned to the width of the primary prompt, so continued lines line
/// up with the first one. Colour, when enabled: `talon` bold, the backend cyan, the context
/// green, the continuation dim.
public enum Prompt {
  /// The primary prompt for `context`.
  public static func primary(_ context: PromptContext, color: Bool) -> String {
    var text = ANSIStyle.bold.apply("talon", enabled: color)
    text += " " + ANSIStyle.cyan.apply(context.backend, enabled: color)
    if let label = contextLabel(context) {
      text += " " + ANSIStyle.green.apply(label, enabled: color)
    }
    return text + "> "
  }

  /// The prompt for the second and later lines of an incomplete statement.
  public static func continuation(_ context: PromptContext, color: Bool) -> String {
    let width = primary(context, color: false).count
    let marker = "... "
    let padding = String(repeating: " ", count: max(0, width - marker.count))
    return padding + ANSIStyle.dim.apply(marker, enabled: color)
  }

  /// `profile/session`, `profile`, `/session`, or nil when neither is set.
  static func contextLabel(_ context: PromptContext) -> String? {
    switch (context.profile, context.session) {
    case (let profile?, let session?): "\(profile)/\(session)"
    case (let profile?, nil): profile
    case (nil, let session?): "/\(session)"
    case (nil, nil): nil
    }
  }
}
