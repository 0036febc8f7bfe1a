namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// The one-letter operation codes the triggers write to the change log.
/// </summary>
internal static class ChangeOperation
{
    /// <summary>Reads <c>I</c>, <c>U</c> or <c>D</c>.</summary>
    public static ProductChangeKind Parse(string code) => code switch
    {
        "I" => ProductChangeKind.Created,
        "U" => ProductChangeKind.Updated,
        "D" => ProductChangeKind.Deleted,
        _ => throw new InvalidDataException($"Unknown change log operation '{code}'."),
    };
}
