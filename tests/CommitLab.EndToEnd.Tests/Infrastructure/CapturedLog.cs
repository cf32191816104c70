using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CommitLab.EndToEnd.Tests.Infrastructure;

/// <summary>What the server wrote to its log (at the levels the factory lets through), so a test can check what an attack costs in log lines.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        /// <summary>About what the console logger writes for it: the level and category line, the message, the stack trace.</summary>
        public int Bytes => Category.Length + 12 + Message.Length + (Exception?.ToString().Length ?? 0);
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
    }
}
