public import TorvCore

extension ServiceSchedule {
    /// Every problem at once, with JSON pointers into the snake_case form (`/weekly_hours/monday/1/to`).
    ///
    /// A valid schedule has: a positive slot length, a buffer, lead time and horizon that are not negative,
    /// room for at least one booking per slot, and per weekday intervals within 00:00–24:00 that end after they
    /// start and do not overlap, so one moment of the week is never two different slots.
    public func validate() -> [FieldError] {
        var v = Validator()
        v.check(slotMinutes > 0, "/slot_minutes", "must be at least 1 minute", code: "out_of_range")
        v.check(bufferMinutes >= 0, "/buffer_minutes", "must not be negative", code: "out_of_range")
        v.check(capacity >= 1, "/capacity", "must be at least 1", code: "out_of_range")
        v.check(leadTimeHours >= 0, "/lead_time_hours", "must not be negative", code: "out_of_range")
        v.check(horizonDays >= 0, "/horizon_days", "must not be negative", code: "out_of_range")
        for weekday in Weekday.allCases {
            let intervals = weeklyHours[weekday] ?? []
            for (index, interval) in intervals.enumerated() {
                func pointer(_ field: String) -> String {
                    FieldError.pointer("weekly_hours", "\(weekday)", String(index), field)
                }
                v.check(
                    (0...1_439).contains(interval.from.minutes), pointer("from"), "must be from 00:00 to 23:59",
                    code: "out_of_range")
                v.check(
                    interval.to > interval.from && interval.to.minutes <= 1_440, pointer("to"),
                    "must be after \(interval.from) and at most 24:00", code: "out_of_range")
                let overlapping = intervals.indices.first { other in
                    other < index && intervals[other].from < interval.to && interval.from < intervals[other].to
                }
                if let overlapping {
                    v.check(
                        false, FieldError.pointer("weekly_hours", "\(weekday)", String(index)),
                        "overlaps interval \(overlapping)", code: "overlapping_hours")
                }
            }
        }
        return v.errors
    }

    /// Throws every problem together, for callers that only want to know whether they may save.
    public func requireValid() throws(ValidationError) {
        let errors = validate()
        guard errors.isEmpty else { throw ValidationError(errors) }
    }
}
