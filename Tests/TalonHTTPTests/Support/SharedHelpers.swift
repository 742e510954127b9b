import TalonTestSupport

/// The shared one-shot event, visible to this module's test doubles, which do not import
/// TalonTestSupport themselves.
typealias Signal = TalonTestSupport.Signal
