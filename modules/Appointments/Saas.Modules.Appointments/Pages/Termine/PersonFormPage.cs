using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Saas.Platform.Antibot;
using Saas.Platform.Web;

namespace Saas.Modules.Appointments.Pages.Termine;

/// <summary>
/// A booking page whose form binds a person (confirming a booking, joining the waitlist): name, birth date and e-mail
/// address as entered, the ALTCHA payload, and the errors at their fields (shown by <c>_PersonFields</c>).
/// </summary>
internal abstract class PersonFormPage : BookingPage
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy", "dd.MM.yyyy"];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? BirthDate { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The ALTCHA widget's payload (its hidden field <c>altcha</c>).</summary>
    [BindProperty(Name = Altcha.Field)]
    public string? AltchaPayload { get; set; }

    /// <summary>The fields with a problem, in the order of the form, each with its message.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; protected set; } = new Dictionary<string, string>();

    /// <summary>The hint under the e-mail field: what the address is used for on this page.</summary>
    public abstract string EmailHintKey { get; }

    /// <summary>The page's own checks of the person (the use case checks again): the errors by field, and the birth date read.</summary>
    protected Dictionary<string, string> CheckPerson(out DateOnly birthDate)
    {
        var errors = new Dictionary<string, string>();
        if ((Name ?? "").Trim().Length is < 2 or > 200)
        {
            errors["name"] = L.T("appointments.portal.error.name");
        }

        if (!ReadDate(BirthDate, out birthDate))
        {
            errors["birthDate"] = L.T("appointments.portal.error.birthDate");
        }

        if (string.IsNullOrWhiteSpace(Email))
        {
            errors["email"] = L.T("appointments.portal.error.email");
        }

        return errors;
    }

    /// <summary>A date as a date input or a person types it (ISO, or day.month.year).</summary>
    protected static bool ReadDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact((text ?? "").Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
