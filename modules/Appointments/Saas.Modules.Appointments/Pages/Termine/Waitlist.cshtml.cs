using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Modules.Appointments.Features.Waitlist;
using Saas.Platform.Antibot;
using Saas.Platform.Web;

namespace Saas.Modules.Appointments.Pages.Termine;

/// <summary>
/// Putting oneself on the waitlist of an appointment type for a range of days (as <c>POST /api/appointments/waitlist</c>;
/// issue 15, item 2): name, birth date and e-mail as for a booking, the days, and ALTCHA. Errors are shown at their
/// fields with what was entered kept; afterwards the place's own page (its link also comes by e-mail).
/// </summary>
internal sealed class WaitlistModel(AppointmentTypeCatalogue types, JoinWaitlist join, IOptions<AppointmentsOptions> options) : PersonFormPage
{
    public AppointmentTypeDefinition Type { get; private set; } = null!;

    [BindProperty]
    public string? Earliest { get; set; }

    [BindProperty]
    public string? Latest { get; set; }

    public bool AltchaRequired => options.Value.RequireAltcha;

    public override string EmailHintKey => "appointments.portal.waitlist-email-hint";

    public async Task OnGetAsync(string type, CancellationToken ct) => Type = await types.GetAsync(type, ct);

    public async Task<IActionResult> OnPostAsync(string type, CancellationToken ct)
    {
        Type = await types.GetAsync(type, ct);
        var errors = CheckPerson(out var birthDate);
        DateOnly? earliest = ReadDate(Earliest, out var e) ? e : null;
        DateOnly? latest = ReadDate(Latest, out var l) ? l : null;
        if (errors.Count > 0)
        {
            FieldErrors = errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return await SubmitAsync(async () =>
        {
            var place = await join.ExecuteAsync(new JoinWaitlistRequest(type, Name!, birthDate, Email!.Trim(), earliest, latest, L.Lang, AltchaPayload), ct);
            return RedirectToPage("WaitlistPlace", new { token = place.Token, erledigt = "eingetragen" });
        }, problem =>
        {
            var field = problem.Code switch
            {
                "appointment-person-invalid" => problem.Detail,
                "appointment-waitlist-range" => "earliest",
                _ when problem.Detail == Altcha.Field => Altcha.Field,
                _ => null,
            };
            if (field is not null)
            {
                Error = null;
                FieldErrors = new Dictionary<string, string>
                {
                    [field] = problem.Code == "appointment-person-invalid" ? L.T("appointments.portal.error." + field) : L.T(problem.Title),
                };
            }

            return Task.CompletedTask;
        });
    }
}
