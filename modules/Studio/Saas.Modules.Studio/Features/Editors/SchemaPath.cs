using System.Globalization;

namespace Saas.Modules.Studio.Features.Editors;

/// <summary>Finds the schema field a form name stands for (<c>spec.counters[2].kind</c> → the counters' <c>kind</c>), or null.</summary>
internal static class SchemaPath
{
    public static SchemaField? Find(SchemaField root, string name)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(name);
        if (!name.StartsWith(FormState.Root, StringComparison.Ordinal))
        {
            return null;
        }

        SchemaField? field = root;
        var rest = name[FormState.Root.Length..];
        while (rest.Length > 0 && field is not null)
        {
            if (rest[0] == '[')
            {
                var end = rest.IndexOf(']', StringComparison.Ordinal);
                if (end < 2 || !int.TryParse(rest.AsSpan(1, end - 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                    || field.Type is not (FieldType.Array or FieldType.Map))
                {
                    return null;
                }

                field = field.Items;
                rest = rest[(end + 1)..];
            }
            else if (rest[0] == '.')
            {
                var end = rest.IndexOfAny(['.', '['], 1);
                var property = end < 0 ? rest[1..] : rest[1..end];
                field = field.Property(property);
                rest = end < 0 ? "" : rest[end..];
            }
            else
            {
                return null;
            }
        }

        return field;
    }
}
