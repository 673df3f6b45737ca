using System.Collections.Concurrent;

namespace Saas.Host.Operations;

/// <summary>
/// Serilog's logger factory, with one logger per category kept. Serilog's own factory builds a new logger (and its
/// event-id cache) on every <c>CreateLogger</c>, and ASP.NET Core asks for one on every request — each authentication
/// handler and each <c>Results.Created</c> does — which showed as a tenth of the booking API's allocations
/// (docs/adr/0041). Microsoft's factory keeps them the same way; loggers are thread-safe and shared.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => loggers.GetOrAdd(categoryName ?? "", inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    /// <summary>Puts the cache in front of the <see cref="ILoggerFactory"/> registered last (Serilog's).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(sp => new CachingLoggerFactory(registered.ImplementationFactory?.Invoke(sp) as ILoggerFactory
            ?? registered.ImplementationInstance as ILoggerFactory
            ?? (ILoggerFactory)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)));
    }
}
