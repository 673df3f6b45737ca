namespace Saas.Modules.Cases;

/// <summary>The files' part of the module's context (docs/adr/0012).</summary>
internal sealed partial class CasesDbContext
{
    public DbSet<CaseFile> CaseFiles => Set<CaseFile>();
}
