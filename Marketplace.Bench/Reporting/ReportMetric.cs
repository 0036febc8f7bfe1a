namespace Marketplace.Bench.Reporting;

/// <summary>One figure of a report.</summary>
/// <param name="Key">Its name in the JSON report, in camelCase with the unit at the end, such as <c>p99Ms</c>.</param>
/// <param name="Label">Its name in the table, such as <c>latency p99</c>.</param>
/// <param name="Value">The figure; null when it could not be measured in this run.</param>
/// <param name="Unit">Its unit in the table, such as <c>ms</c>.</param>
/// <param name="Decimals">How many decimals the table shows; the JSON report keeps them all.</param>
internal sealed record ReportMetric(string Key, string Label, double? Value, string Unit, int Decimals = 0);
