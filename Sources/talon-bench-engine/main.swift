import Foundation
import TalonAPI
import TalonEngine

// Benchmark (not a test): updateCustomerSessionV2 with the demo pack and a 10-item cart against a
// file-backed store (WAL, synchronous=NORMAL), then the bare single-row SQLite transaction rate
// on the same machine for the ratio.
// Usage: talon-bench-engine [ITERATIONS]   (default 20000, at most 1000000)

let arguments = CommandLine.arguments.dropFirst()
let iterations = min(max(Int(arguments.first ?? "") ?? 20_000, 100), 1_000_000)
let warmup = min(iterations / 10, 1_000)

let folder = FileManager.default.temporaryDirectory.appending(
  path: "talon-bench-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

let engine = try EmbeddedEngine(
  configuration: EngineConfiguration(
    store: .file(path: folder.appending(path: "engine.sqlite").path), campaigns: try .demo,
    seed: 1))

func cart(_ round: Int) -> [CartItem] {
  (0..<10).map { index in
    CartItem(
      name: "Item \(index)", sku: "SKU-\(index)", quantity: 1 + (round + index) % 3,
      price: Decimal(10 + index * 5) + Decimal(string: "0.99")!,
      category: index % 3 == 0 ? "shoes" : "accessories")
  }
}

/// CPU seconds (user + system) this process used so far.
func cpuSeconds() -> Double {
  Double(clock()) / Double(CLOCKS_PER_SEC)
}

/// Runs the updates from one task (no actor hops between calls) and returns each latency in
/// nanoseconds and the CPU time per update.
func measure(_ engine: EmbeddedEngine, iterations: Int, warmup: Int) async throws
  -> (latencies: [UInt64], cpuPerUpdate: Double)
{
  let sessions = 200
  let carts = (0..<3).map(cart)
  var cpuAtStart = 0.0
  var latencies: [UInt64] = []
  latencies.reserveCapacity(iterations)
  for round in 0..<(warmup + iterations) {
    let body = IntegrationRequest(
      customerSession: NewCustomerSessionV2(
        profileId: "customer-\(round % sessions)", couponCodes: ["SUMMER10"],
        cartItems: carts[round % 3]))
    if round == warmup { cpuAtStart = cpuSeconds() }
    let start = DispatchTime.now().uptimeNanoseconds
    _ = try await engine.updateCustomerSessionV2(
      customerSessionId: "bench-\(round % sessions)", body: body)
    if round >= warmup { latencies.append(DispatchTime.now().uptimeNanoseconds - start) }
  }
  return (latencies, (cpuSeconds() - cpuAtStart) / Double(iterations))
}

// From the engine's own thread, as `talon run` calls it (no thread hop per call).
let (latencies, cpuPerUpdate) = try await withTaskExecutorPreference(engine.preferredTaskExecutor) {
  try await measure(engine, iterations: iterations, warmup: warmup)
}
engine.close()

let total = Double(latencies.reduce(0, +)) / 1e9
let sorted = latencies.sorted()
func percentile(_ values: [UInt64], _ p: Double) -> Double {
  Double(values[min(values.count - 1, Int(Double(values.count) * p))]) / 1e6
}
let rate = Double(iterations) / total
let bare = try StorageProbe.singleRowTransactionsPerSecond(
  path: folder.appending(path: "probe.sqlite").path, iterations: iterations)

print("updateCustomerSessionV2 (demo pack, 10-item cart, WAL, synchronous=NORMAL)")
print("  iterations: \(iterations) (after \(warmup) warm-up)")
print(String(format: "  throughput: %.0f updates/s", rate))
print(
  String(
    format: "  latency:    p50 %.3f ms, p99 %.3f ms", percentile(sorted, 0.5),
    percentile(sorted, 0.99)))
print(
  String(
    format: "  CPU time:   %.3f ms per update (%.0f updates per CPU-second)", cpuPerUpdate * 1000,
    1 / cpuPerUpdate))
print(String(format: "bare single-row SQLite transactions: %.0f/s", bare))
print(String(format: "ratio engine/bare: %.1f%%", rate / bare * 100))
