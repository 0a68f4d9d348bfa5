using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace Sinch.Verification.TestSupport;

/// <summary>One captured log entry.</summary>
/// <param name="Level">Its level.</param>
/// <param name="Category">The logger's category (usually the full name of the logging type).</param>
/// <param name="EventId">Its event id.</param>
/// <param name="Message">The formatted message, without the exception.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
/// <param name="Values">Every structured value (the template's holes and <c>{OriginalFormat}</c>).</param>
public sealed record LogEntry(
    LogLevel Level,
    string Category,
    EventId EventId,
    string Message,
    Exception? Exception,
    IReadOnlyList<KeyValuePair<string, object?>> Values)
{
    /// <summary>The formatted message followed, when there is one, by a space and the exception.</summary>
    public string Text => Message + (Exception is null ? string.Empty : " " + Exception);

    /// <summary><c>"{Level}: {Message} {Exception}"</c>, one line to search.</summary>
    public string Line => $"{Level}: {Message} {Exception}";
}

/// <summary>
/// A logger provider that records every entry at every level (message, exception, event id and
/// structured values), so tests can check what was logged and, above all, that no secret, PIN,
/// signature or full phone number ever was.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Every entry so far, oldest first.</summary>
    public IReadOnlyCollection<LogEntry> Entries => _entries;

    /// <summary>Every entry's <see cref="LogEntry.Text"/> and structured values, one entry a line: what a secret must never be in.</summary>
    public string AllText => string.Join("\n", _entries.Select(e => e.Text + " | " + string.Join(", ", e.Values.Select(v => v.Key + "=" + v.Value))));

    /// <summary>Every entry's <see cref="LogEntry.Text"/> only, one entry a line.</summary>
    public string AllMessages => string.Join("\n", _entries.Select(e => e.Text));

    /// <summary>Every entry's <see cref="LogEntry.Line"/>.</summary>
    public IReadOnlyList<string> Lines => _entries.Select(e => e.Line).ToList();

    /// <summary>A logger factory that logs everything (Trace and up) to this capture only.</summary>
    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    /// <summary>The one entry of <paramref name="category"/> with event id <paramref name="eventId"/>; throws unless there is exactly one.</summary>
    public LogEntry Single(string category, int eventId) =>
        _entries.Single(e => e.Category == category && e.EventId.Id == eventId);

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? Array.Empty<KeyValuePair<string, object?>>();
            owner._entries.Enqueue(new LogEntry(logLevel, category, eventId, formatter(state, exception), exception, values.ToList()));
        }
    }
}
