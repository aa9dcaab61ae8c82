extension RoutingRule {
    /// Plans which locations serve which lines, all lines or none: the first line that cannot be served
    /// in full (from stock, then from allowed backorders) fails the plan with its shortfall.
    ///
    /// Stock in hand always goes before backorders, so a shopper waits only when no admitted location
    /// has the goods. Lines are planned in order against one shrinking pool, so two lines of the same
    /// SKU never count the same units twice.
    public func allocate(
        _ requests: [StockRequest], from candidates: [StockCandidate]
    ) -> Result<[Allocation], Shortfall> {
        var pool = StockPool(candidates.filter { admits($0.location) })
        let ranked = rank(pool.locations)
        var plan = Plan()
        if case .singleShipment = self {
            serveWholeLines(requests, ranked: ranked, pool: &pool, plan: &plan)
        }
        for (line, request) in requests.enumerated() {
            var left = request.quantity - plan.allocated(line: line)
            for location in ranked where left > 0 {
                let take = min(left, pool.inStock(request.sku, at: location.id))
                pool.take(take, of: request.sku, at: location.id)
                plan.add(line: line, sku: request.sku, at: location.id, quantity: take, backordered: 0)
                left -= take
            }
            for location in rankForBackorders(ranked) where left > 0 {
                let take = min(left, pool.beyondStock(request.sku, at: location.id))
                pool.take(take, of: request.sku, at: location.id)
                plan.add(line: line, sku: request.sku, at: location.id, quantity: take, backordered: take)
                left -= take
            }
            if left > 0 {
                return .failure(
                    Shortfall(
                        line: line, sku: request.sku, requested: request.quantity, available: request.quantity - left))
            }
        }
        // By line, and within a line in the order the locations were chosen (the sort is stable).
        return .success(plan.allocations.sorted { $0.line < $1.line })
    }

    /// Greedy set cover: repeatedly give the location that can ship the most remaining lines whole from
    /// stock all of those lines (ties to the better-ranked location). One location serving everything is
    /// the first pick whenever it exists; lines nobody can serve whole are left to the split that follows.
    private func serveWholeLines(
        _ requests: [StockRequest], ranked: [RoutingLocation], pool: inout StockPool, plan: inout Plan
    ) {
        var open = Array(requests.indices)
        while !open.isEmpty {
            var best: (location: StockLocationID, lines: [Int])?
            for location in ranked {
                var trial = pool
                let served = open.filter { line in
                    let request = requests[line]
                    guard trial.inStock(request.sku, at: location.id) >= request.quantity else { return false }
                    trial.take(request.quantity, of: request.sku, at: location.id)
                    return true
                }
                if served.count > (best?.lines.count ?? 0) { best = (location.id, served) }
            }
            guard let best else { return }
            for line in best.lines {
                let request = requests[line]
                pool.take(request.quantity, of: request.sku, at: best.location)
                plan.add(line: line, sku: request.sku, at: best.location, quantity: request.quantity, backordered: 0)
            }
            open.removeAll { best.lines.contains($0) }
        }
    }
}

/// The stock a plan may still use, keyed by SKU and location; taking from it never goes below a
/// candidate's minimum.
struct StockPool {
    private struct Key: Hashable {
        var sku: String
        var location: StockLocationID
    }

    private var stock: [Key: (available: Int, minimum: Int?)] = [:]
    /// Each admitted location once, in first-seen order.
    private(set) var locations: [RoutingLocation] = []

    init(_ candidates: [StockCandidate]) {
        var seen = Set<StockLocationID>()
        for candidate in candidates {
            stock[Key(sku: candidate.sku, location: candidate.location.id)] = (
                candidate.available, candidate.minimumAvailable
            )
            if seen.insert(candidate.location.id).inserted { locations.append(candidate.location) }
        }
    }

    func inStock(_ sku: String, at location: StockLocationID) -> Int {
        max(0, stock[Key(sku: sku, location: location)]?.available ?? 0)
    }

    /// Units that may be promised beyond stock (backorders); `Int.max` when unlimited.
    func beyondStock(_ sku: String, at location: StockLocationID) -> Int {
        guard let entry = stock[Key(sku: sku, location: location)] else { return 0 }
        guard let minimum = entry.minimum else { return Int.max }
        return max(0, entry.available - minimum) - max(0, entry.available)
    }

    mutating func take(_ quantity: Int, of sku: String, at location: StockLocationID) {
        guard quantity > 0 else { return }
        stock[Key(sku: sku, location: location), default: (0, 0)].available -= quantity
    }
}

/// Allocations merged per line and location, in the order they were made.
private struct Plan {
    private(set) var allocations: [Allocation] = []

    func allocated(line: Int) -> Int {
        allocations.lazy.filter { $0.line == line }.reduce(0) { $0 + $1.quantity }
    }

    mutating func add(line: Int, sku: String, at location: StockLocationID, quantity: Int, backordered: Int) {
        guard quantity > 0 else { return }
        if let index = allocations.firstIndex(where: { $0.line == line && $0.locationID == location }) {
            allocations[index].quantity += quantity
            allocations[index].backordered += backordered
        } else {
            allocations.append(
                Allocation(line: line, sku: sku, locationID: location, quantity: quantity, backordered: backordered))
        }
    }
}
