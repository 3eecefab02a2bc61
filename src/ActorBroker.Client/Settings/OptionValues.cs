namespace ActorBroker.Client.Settings;

/// <summary>Conversions shared by the options objects.</summary>
internal static class OptionValues
{
    public static TimeSpan? Millis(int? ms) => ms is { } value ? TimeSpan.FromMilliseconds(value) : null;

    public static ClientSettings ApplyClient(ClientSettings s, string? bootstrapServers, string? clusterSystemName, int? metadataMaxAgeMs) => s with
    {
        BootstrapServers = bootstrapServers is null
            ? s.BootstrapServers
            : [.. bootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        ClusterSystemName = clusterSystemName ?? s.ClusterSystemName,
        MetadataMaxAge = Millis(metadataMaxAgeMs) ?? s.MetadataMaxAge,
    };
}
