using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases;

/// <summary>The cases' part of the module's context (docs/adr/0012).</summary>
internal sealed partial class CasesDbContext
{
    public DbSet<Case> Cases => Set<Case>();
}
