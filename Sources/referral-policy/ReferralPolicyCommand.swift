import ArgumentParser
import ReferralPolicy

@main
struct ReferralPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "referral-policy", abstract: "Validate and evaluate referral policies.")
}
