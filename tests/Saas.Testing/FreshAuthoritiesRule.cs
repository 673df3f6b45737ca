using System.Reflection;
using Xunit;

namespace Saas.Testing;

/// <summary>
/// The rule of docs/adr/0013 that every test gets fresh authorities: a test class whose fixture is a
/// <see cref="TwoTenantsFixture"/> must be an <see cref="IAsyncLifetime"/> (whose <c>InitializeAsync</c> calls
/// <see cref="TwoTenantsFixture.FreshAuthoritiesAsync"/>), or its tests would share the fixture's authorities.
/// Each test assembly checks itself with one test.
/// </summary>
public static class FreshAuthoritiesRule
{
    /// <summary>The test classes of <paramref name="assembly"/> that break the rule.</summary>
    public static IReadOnlyList<string> Offenders(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false })
            .Where(type => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>)
                && typeof(TwoTenantsFixture).IsAssignableFrom(i.GetGenericArguments()[0])
                && !SharesItsAuthoritiesOnPurpose(i.GetGenericArguments()[0])))
            .Where(type => !typeof(IAsyncLifetime).IsAssignableFrom(type))
            .Select(type => type.FullName!)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool SharesItsAuthoritiesOnPurpose(Type fixture)
    {
        var property = fixture.GetProperty("FreshPerTest", BindingFlags.Instance | BindingFlags.NonPublic);
        var instance = (TwoTenantsFixture)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(fixture);
        return property is not null && property.GetValue(instance) is false;
    }
}
