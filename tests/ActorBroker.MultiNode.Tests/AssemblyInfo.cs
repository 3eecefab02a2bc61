// One cluster at a time: on two cores, clusters running side by side starve each other's heartbeats.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
