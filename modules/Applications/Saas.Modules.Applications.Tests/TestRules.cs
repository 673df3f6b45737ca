namespace Saas.Modules.Applications.Tests;

/// <summary>The rules every test class of this assembly keeps (docs/adr/0013).</summary>
public sealed class TestRules
{
    [Fact]
    public void EveryTestOnTwoAuthorities_GetsFreshAuthorities() =>
        Saas.Testing.FreshAuthoritiesRule.Offenders(typeof(TestRules).Assembly).ShouldBeEmpty();
}
