using Saas.Platform.Metadata;

namespace Saas.Platform.Tests.Metadata;

/// <summary>An imported tenant document takes the receiving authority's key, hosts and modules; every other byte stays.</summary>
public sealed class TenantIdentityTests
{
    public static TheoryData<string, string, string, string[]> Documents => new()
    {
        {
            "block and flow lists, quotes and comments",
            "# Profil\nkind: tenant\nkey: \"abc\"\nspec:\n  name: Test\n  hosts:\n    - a.test\n    - 'c.test' # zwei\n  modules: [ organization , x ] # Module\n  facts: {a: 1}\n",
            "# Profil\nkind: tenant\nkey: xyz\nspec:\n  name: Test\n  hosts: [b-one, b-two] # zwei\n  modules: [cases, organization] # Module\n  facts: {a: 1}\n",
            ["b-one", "b-two"]
        },
        {
            "no hosts in the text",
            "kind: tenant\nkey: abc\nspec:\n    name: Test\n    modules:\n    - organization\n",
            "kind: tenant\nkey: xyz\nspec:\n    hosts: [b-one]\n    name: Test\n    modules: [cases, organization]\n",
            ["b-one"]
        },
        {
            "a flow mapping, and no hosts for the receiver",
            "kind: tenant\nkey: abc\nspec: {name: Test, hosts: [a.test], modules: []}\n",
            "kind: tenant\nkey: xyz\nspec: {name: Test, hosts: [], modules: [cases, organization]}\n",
            []
        },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Rewrite_ReplacesKeyHostsAndModules_AndKeepsEverythingElse(string because, string yaml, string expected, string[] hosts)
    {
        var rewritten = TenantIdentity.Rewrite(yaml, "xyz", hosts, ["cases", "organization"]);
        rewritten.ShouldBe(expected, because);
        var errors = new List<MetadataError>();
        YamlDocumentParser.Parse("tenant.yaml", rewritten, errors).ShouldNotBeNull(because);
    }
}
