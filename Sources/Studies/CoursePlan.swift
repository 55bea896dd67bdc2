import Planner

/// `plan`: a course of sessions from a protocol for one patient: calendar, escalation, every
/// dosing session predicted on the exact model of the whole course, safety findings. The request
/// and result are the planner's typed values; rendering is in Reports (`PlanRender`).
public enum CoursePlan {
    /// Schedules the course, predicts each session on the exact solution and applies the safety
    /// rules; throws `PlanError` naming the option when the request cannot be planned.
    public static func run(_ request: PlanRequest) throws -> Plan { try Planner.plan(request) }
}
