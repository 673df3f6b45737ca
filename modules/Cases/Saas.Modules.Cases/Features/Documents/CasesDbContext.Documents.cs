namespace Saas.Modules.Cases;

/// <summary>The documents' part of the module's context (docs/adr/0012).</summary>
internal sealed partial class CasesDbContext
{
    public DbSet<CaseDocument> Documents => Set<CaseDocument>();
}
