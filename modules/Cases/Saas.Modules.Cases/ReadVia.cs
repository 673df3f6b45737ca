namespace Saas.Modules.Cases;

/// <summary>
/// Where a read came from, recorded with it ("via api", "via workbench"): the API and the workbench call the same
/// read use case, so both leave the same record and only this says which door was used (docs/adr/0012).
/// </summary>
internal static class ReadVia
{
    public const string Api = "api";
    public const string Workbench = "workbench";
}
