using System;
using System.Globalization;
using Newtonsoft.Json;

namespace Sinch.Verification.Generated.Serialization;

/// <summary>Reads and writes an open set as its wire string; each generated set derives one with its Parse.</summary>
internal abstract class ExtensibleEnumJsonConverter<T> : JsonConverter where T : ExtensibleEnum
{
    protected abstract T Parse(string value);

    public override bool CanConvert(Type objectType) => objectType == typeof(T);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) => reader.TokenType switch
    {
        JsonToken.Null => null,
        // Tolerant: a scalar of another type is still a value of the set, kept as text.
        JsonToken.String or JsonToken.Integer or JsonToken.Float or JsonToken.Boolean =>
            Parse(Convert.ToString(reader.Value, CultureInfo.InvariantCulture) ?? string.Empty),
        _ => throw new JsonSerializationException($"Expected a string for {typeof(T).Name} at '{reader.Path}', found {reader.TokenType}."),
    };

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteValue(((ExtensibleEnum)value).Value);
        }
    }
}
