using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saas.Modules.Appointments.Features.CallSystem;
using Saas.Modules.Organization.Contracts;
using Saas.Platform.Errors;
using Saas.Platform.Identity;
using Saas.Platform.Web;

namespace Saas.Modules.Appointments.Pages.Workbench.Aufruf;

/// <summary>
/// The counter's view of the call system (issue 15, item 5; as <c>/api/callsystem/{location}/counters/{counter}</c>):
/// the person being served with their booking and file one click away, call next, recall, park and resume, transfer,
/// no-show, done; who waits and who is parked; the day's figures. Works without JavaScript: every action is a form.
/// </summary>
[Authorize(Policy = SaasPolicies.Staff)]
internal sealed class IndexModel(CallSystems systems, Counter desk, ReadCallSystem read, IOrganizationDirectory organization) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "standort")]
    public string? Location { get; set; }

    [BindProperty(SupportsGet = true, Name = "schalter")]
    public string? CounterKey { get; set; }

    public IReadOnlyList<CallSystemDefinition> Systems { get; private set; } = [];

    /// <summary>Every counter of every call system, for the chooser: (location, counter key, counter name).</summary>
    public IReadOnlyList<(string Location, string LocationName, string Key, string Name)> Counters { get; private set; } = [];

    public CallSystemDefinition? System { get; private set; }

    public CounterState? State { get; private set; }

    public CallFigures? Figures { get; private set; }

    public string? Error { get; private set; }

    public static string Time(DateTimeOffset? local) => local?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostNextAsync(CancellationToken ct) =>
        ActAsync(() => desk.CallNextAsync(Location ?? "", CounterKey ?? "", ct), ct);

    public Task<IActionResult> OnPostActAsync(Guid id, string action, int? version, string? service, string? target, CancellationToken ct) =>
        ActAsync(() => desk.ActAsync(Location ?? "", CounterKey ?? "", id, action ?? "", new TicketActionRequest(version, string.IsNullOrEmpty(service) ? null : service, string.IsNullOrEmpty(target) ? null : target), ct), ct);

    private async Task<IActionResult> ActAsync(Func<Task<CounterState>> act, CancellationToken ct)
    {
        try
        {
            await act();
            return RedirectToPage(new { standort = Location, schalter = CounterKey });
        }
        catch (SaasProblemException problem)
        {
            Error = L.T(problem.Title);
            Response.StatusCode = problem.Status;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Systems = await systems.ListAsync(ct);
        var counters = new List<(string, string, string, string)>();
        foreach (var system in Systems)
        {
            var place = await organization.GetLocationAsync(system.Location, ct);
            var placeName = ConfiguredText.LocationName(place, system.Location);
            counters.AddRange(system.Zones.SelectMany(z => z.Counters).Distinct(StringComparer.Ordinal)
                .Select(c => (system.Location, placeName, c, place?.Counters.FirstOrDefault(i => i.Key == c)?.Name ?? c)));
        }

        Counters = counters;
        if (string.IsNullOrEmpty(Location) || string.IsNullOrEmpty(CounterKey))
        {
            return;
        }

        try
        {
            System = await systems.GetAsync(Location, ct);
            State = await desk.ReadAsync(Location, CounterKey, ct);
            Figures = await read.FiguresAsync(Location, null, ct);
        }
        catch (SaasProblemException problem) when (problem.Status == StatusCodes.Status404NotFound)
        {
            Error ??= L.T(problem.Title);
            Response.StatusCode = problem.Status;
            System = null;
            State = null;
        }
    }
}
