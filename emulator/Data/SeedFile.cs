using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectTools.Emulator;

/// <summary>The root of a seed file: <c>{"Instances":[{"Instance":{...},"ReplicationConfiguration":{...},"Users":[{...}]}]}</c>.</summary>
public sealed class SeedDocument
{
    public List<SeedInstance> Instances { get; set; } = [];
}

/// <summary>One instance of a seed file, in the shapes of DescribeInstance and DescribeUser.</summary>
public sealed class SeedInstance
{
    public EmulatorInstance Instance { get; set; } = new();

    public ReplicationConfiguration? ReplicationConfiguration { get; set; }

    /// <summary>Optional: hierarchy group id to parent group id (for WITH_CHILD_GROUPS searches).</summary>
    public Dictionary<string, string>? HierarchyGroupParents { get; set; }

    public List<EmulatorUser> Users { get; set; } = [];
}

/// <summary>Loads seed files into <see cref="EmulatorData"/>.</summary>
public static class SeedLoader
{
    /// <summary>Reads a seed file and adds its instances and users to <paramref name="data"/>.</summary>
    public static void Load(string path, EmulatorData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        SeedDocument? document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonSerializer.Deserialize(stream, SeedJsonContext.Default.SeedDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Seed file {path} is not valid: {e.Message}", e);
        }

        foreach (var seed in document?.Instances ?? [])
        {
            var instance = seed.Instance ?? throw new InvalidDataException($"Seed file {path}: every entry of Instances needs an \"Instance\" object.");
            instance.ReplicationConfiguration = seed.ReplicationConfiguration;
            if (seed.HierarchyGroupParents is not null)
            {
                instance.HierarchyGroupParents = new Dictionary<string, string>(seed.HierarchyGroupParents, StringComparer.Ordinal);
            }

            data.AddInstance(instance);
            foreach (var user in seed.Users ?? [])
            {
                if (string.IsNullOrEmpty(user.Username))
                {
                    throw new InvalidDataException($"Seed file {path}: a user of instance {instance.Id} has no Username.");
                }

                instance.AddUser(user);
            }
        }
    }
}

/// <summary>Reads epoch seconds (integer or fractional), or an ISO 8601 string; writes epoch seconds.</summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDecimal() * 1000m));
        }

        if (reader.TokenType == JsonTokenType.String &&
            DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        throw new JsonException("A timestamp must be epoch seconds (a number) or an ISO 8601 string.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000m);
}

[JsonSourceGenerationOptions(
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(SeedDocument))]
internal sealed partial class SeedJsonContext : JsonSerializerContext
{
}
