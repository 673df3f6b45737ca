using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Saas.Modules.Studio.Features.Editors;

/// <summary>
/// The values of a generated form by field name, as a browser posts them: <c>spec.address.city</c>,
/// <c>spec.counters[1].kind</c>, <c>spec.facts[0]._key</c>. Made from a document (<see cref="FormFlattener"/>) or from a
/// post; bound back to JSON by <see cref="FormBinder"/>. Lists are changed here (add, remove, move) so that buttons
/// without JavaScript can post the form, get it back changed, and lose nothing typed.
/// </summary>
internal sealed class FormState
{
    /// <summary>The name of the root: every field of the document's spec starts with it, every other posted name is the page's.</summary>
    public const string Root = "spec";

    /// <summary>Suffix of the hidden field that keeps a list item (so an empty row survives a post).</summary>
    public const string ItemMarker = "._item";

    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => values;

    public string? this[string name]
    {
        get => values.GetValueOrDefault(name);
        set
        {
            if (value is null)
            {
                values.Remove(name);
            }
            else
            {
                values[name] = value;
            }
        }
    }

    /// <summary>A field of the document's spec (and not one of the page's own, like the antiforgery token).</summary>
    public static bool IsSpecField(string name) =>
        name == Root || name.StartsWith(Root + ".", StringComparison.Ordinal) || name.StartsWith(Root + "[", StringComparison.Ordinal);

    /// <summary>
    /// The spec's fields of a post. A name posted twice is refused (no generated field posts twice), so a forged post
    /// cannot smuggle a second value past the binder.
    /// </summary>
    public static FormState FromPost(IEnumerable<KeyValuePair<string, StringValues>> form, ICollection<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(problems);
        var state = new FormState();
        foreach (var (name, value) in form)
        {
            if (!IsSpecField(name))
            {
                continue;
            }

            if (value.Count != 1)
            {
                problems.Add(new FieldProblem(name, "$." + name, LocalizedText.Of("studio.binding.posted-twice", ("field", name))));
            }

            state[name] = value.ToString();
        }

        return state;
    }

    /// <summary>The number of rows of the list <paramref name="name"/> (the highest index any field names, plus one).</summary>
    public int ItemCount(string name) => Indices(name).DefaultIfEmpty(-1).Max() + 1;

    /// <summary>Adds an empty row at the end of a list.</summary>
    public void Add(string list) => values[$"{list}[{ItemCount(list).ToString(CultureInfo.InvariantCulture)}]{ItemMarker}"] = "1";

    /// <summary>Removes a row and closes the gap.</summary>
    public void Remove(string list, int index)
    {
        var count = ItemCount(list);
        foreach (var key in KeysOf(list, index))
        {
            values.Remove(key);
        }

        for (var i = index + 1; i < count; i++)
        {
            Rename(list, i, i - 1);
        }
    }

    /// <summary>Swaps a row with its neighbour (<paramref name="delta"/> −1: up, +1: down); nothing at the ends.</summary>
    public void Move(string list, int index, int delta)
    {
        var other = index + delta;
        if (other < 0 || other >= ItemCount(list) || index < 0)
        {
            return;
        }

        const int parked = int.MaxValue;
        Rename(list, index, parked);
        Rename(list, other, index);
        Rename(list, parked, other);
    }

    /// <summary>Names under a row: <c>list[i]</c> itself and everything below it.</summary>
    public IEnumerable<string> KeysOf(string list, int index)
    {
        var prefix = $"{list}[{index.ToString(CultureInfo.InvariantCulture)}]";
        return values.Keys.Where(k => k == prefix || (k.StartsWith(prefix, StringComparison.Ordinal) && k[prefix.Length] is '.' or '[')).ToList();
    }

    private void Rename(string list, int from, int to)
    {
        var prefix = $"{list}[{from.ToString(CultureInfo.InvariantCulture)}]";
        var target = $"{list}[{to.ToString(CultureInfo.InvariantCulture)}]";
        foreach (var key in KeysOf(list, from))
        {
            var value = values[key];
            values.Remove(key);
            values[target + key[prefix.Length..]] = value;
        }
    }

    private IEnumerable<int> Indices(string list)
    {
        var prefix = list + "[";
        foreach (var key in values.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                var end = key.IndexOf(']', prefix.Length);
                if (end > prefix.Length && int.TryParse(key.AsSpan(prefix.Length, end - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                    && i < 10_000)
                {
                    yield return i;
                }
            }
        }
    }
}

/// <summary>A field the binder could not take: its form name, the JSON path it stands for, and why (in the admin's language when shown).</summary>
internal sealed record FieldProblem(string Field, string Path, LocalizedText Text);
