import Foundation
import Testing

/// `referral-policy evaluate --format text` for a referral type with milestones: what is earned
/// so far whatever the status, where each milestone stands, and what is still to do for each.
@Suite struct EvaluateMilestoneTests {
    @Test func textShowsMilestonesAndWhatIsEarnedSoFar() throws {
        let fixture = "fixtures/milestone-guest-qualified-experience-pending"
        let result = try CLI.run(["evaluate", "--format", "text", "--policy", fixture + "/policy.yaml", fixture + "/snapshot.json"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            r-3002 (guest): qualified on 2025-02-14
              policy airbnb-referrals version 1, as of 2025-03-01T00:00:00Z
              rewards earned:
                $20.00 credit to the referrer, payable 2025-02-14, expires 2026-02-14, rule guest.referrer_travel_credit
                $25.00 credit to the referee, payable 2025-01-10, expires 2026-01-10, rule guest.friend_stay_credit
                $15.00 credit to the referee, payable 2025-01-10, expires 2026-01-10, rule guest.friend_experience_credit
              milestones:
                guest.welcome: reached on 2025-01-10
                guest.first_experience: pending
              still to do:
                guest.experience_taken: experience_completed 0 of 1, 315 days left (Take a first experience of $50 or more) [milestone guest.first_experience]

            """)
    }

    @Test func aPendingReferralListsTheSignupCreditItAlreadyEarned() throws {
        let fixture = "fixtures/milestone-guest-signup-credit-pending"
        let result = try CLI.run(["evaluate", "--format", "text", "--policy", fixture + "/policy.yaml", fixture + "/snapshot.json"])
        #expect(result.stdout.hasPrefix("""
            r-3001 (guest): pending
              policy airbnb-referrals version 1, as of 2025-02-01T00:00:00Z
              rewards earned:
                $25.00 credit to the referee, payable 2025-01-10, expires 2026-01-10, rule guest.friend_stay_credit
            """))
        #expect(result.stdout.contains("    guest.first_trip: trip_completed 0 of 1, 343 days left (Complete a first stay of $75 or more)\n"))
    }
}
