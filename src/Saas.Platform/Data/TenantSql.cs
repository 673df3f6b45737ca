namespace Saas.Platform.Data;

/// <summary>
/// SQL functions for queries on tenant-owned tables that stay fast under row-level security.
/// </summary>
/// <remarks>
/// PostgreSQL evaluates a policy before any user predicate that is not LEAKPROOF, and such a predicate then
/// cannot be an index condition. <c>LIKE</c> (what EF makes of <see cref="string.StartsWith(string)"/>) is not
/// leakproof, so a prefix search under RLS reads every row of the tenant; <c>starts_with</c> is leakproof and
/// uses the (tenant_id, column) index as a range. Measured in tests/Saas.Benchmarks and docs/adr/0002.
/// </remarks>
public static class TenantSql
{
    /// <summary>Translated to PostgreSQL's <c>starts_with(value, prefix)</c>; case-sensitive prefix match.</summary>
    public static bool StartsWith(string value, string prefix) =>
        throw new InvalidOperationException("TenantSql.StartsWith runs only inside a database query.");
}
