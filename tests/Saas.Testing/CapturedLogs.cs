using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Saas.Testing;

/// <summary>One log entry as the host's code wrote it.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

/// <summary>
/// What the host logs at Information and above, whatever the configured sinks keep (the host logs through
/// Serilog, which takes no other logger providers; Testing lets only warnings through). Opt-in per factory, as
/// capturing makes every component format its Information messages; the newest 20,000 entries are kept.
/// </summary>
public sealed class CapturedLogs
{
    private const int Capacity = 20_000;
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    internal void Add(LogEntry entry)
    {
        entries.Enqueue(entry);
        while (entries.Count > Capacity && entries.TryDequeue(out _))
        {
        }
    }

    /// <summary>Wraps the host's logger factory (the last one registered) so that every logger also writes here.</summary>
    public void AttachTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var inner = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.RemoveAll<ILoggerFactory>();
        services.AddSingleton<ILoggerFactory>(sp => new CapturingLoggerFactory(inner switch
        {
            { ImplementationInstance: ILoggerFactory instance } => instance,
            { ImplementationFactory: { } factory } => (ILoggerFactory)factory(sp),
            { ImplementationType: { } type } => (ILoggerFactory)ActivatorUtilities.CreateInstance(sp, type),
            _ => throw new InvalidOperationException("The host's logger factory cannot be wrapped."),
        }, this));
    }

    private sealed class CapturingLoggerFactory(ILoggerFactory inner, CapturedLogs logs) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(inner.CreateLogger(categoryName), categoryName, logs);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class CapturingLogger(ILogger inner, string category, CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information || inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (logLevel >= LogLevel.Information && logLevel != LogLevel.None)
            {
                logs.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
            }

            if (inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
