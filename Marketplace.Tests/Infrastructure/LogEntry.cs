namespace Marketplace.Tests.Infrastructure;

/// <summary>One log entry the server wrote.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
