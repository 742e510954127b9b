/// The parts of a reference path such as `last.effects[0].props`.
enum ReferencePath {
  enum Part: Equatable {
    case field(String)
    case index(Int)
  }

  static func parts(_ path: String) -> [Part] {
    var parts: [Part] = []
    var current = ""
    var index = path.startIndex
    while index < path.endIndex {
      let character = path[index]
      if character == "." {
        if !current.isEmpty { parts.append(.field(current)) }
        current = ""
      } else if character == "[" {
        if !current.isEmpty { parts.append(.field(current)) }
        current = ""
        guard let close = path[index...].firstIndex(of: "]") else { return parts }
        let inside = path[path.index(after: index)..<close]
        if let number = Int(inside) {
          parts.append(.index(number))
        } else if inside.first == "\"", inside.last == "\"", inside.count >= 2 {
          parts.append(.field(String(inside.dropFirst().dropLast())))
        }
        index = close
      } else {
        current.append(character)
      }
      index = path.index(after: index)
    }
    if !current.isEmpty { parts.append(.field(current)) }
    return parts
  }
}
