namespace Marketplace.Bench.Clients;

/// <summary>How a run of publishes went, as the publisher saw it.</summary>
/// <param name="Sent">Notify requests sent.</param>
/// <param name="Acknowledged">Requests answered with <c>notify_ack</c>.</param>
/// <param name="Refused">Requests answered with an error, by error code, such as <c>rate_limited</c>.</param>
/// <param name="Sending">From the first send to the last.</param>
/// <param name="Unanswered">Requests with no answer when the publisher stopped waiting.</param>
internal sealed record PublishOutcome(
    int Sent,
    int Acknowledged,
    IReadOnlyDictionary<string, int> Refused,
    TimeSpan Sending,
    int Unanswered);
