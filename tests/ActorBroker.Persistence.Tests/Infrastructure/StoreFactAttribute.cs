using Xunit.Abstractions;
using Xunit.Sdk;

namespace ActorBroker.Persistence.Tests.Infrastructure;

/// <summary>
/// A fact of a shared store test suite (TCK). Works like <see cref="FactAttribute"/>, except that it
/// is skipped, with the condition's reason, when the concrete test class carries a
/// <see cref="StoreSkipConditionAttribute"/> that reports one. xunit 2 has no dynamic skip, and an
/// inherited test method's attribute cannot know which subclass runs it: the discoverer can.
/// </summary>
[XunitTestCaseDiscoverer(
    "ActorBroker.Persistence.Tests.Infrastructure.StoreFactDiscoverer", "ActorBroker.Persistence.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Put on a concrete test class to skip all its <see cref="StoreFactAttribute"/> tests when <see cref="SkipReason"/> is not null.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public abstract class StoreSkipConditionAttribute : Attribute
{
    public abstract string? SkipReason { get; }
}

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
    [
        new StoreTestCase(
            diagnosticMessageSink,
            discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(),
            testMethod),
    ];
}

public sealed class StoreTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StoreTestCase()
    {
    }

    public StoreTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var testClass = (TestMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
        var conditional = testClass?
            .GetCustomAttributes(typeof(StoreSkipConditionAttribute), inherit: true)
            .Cast<StoreSkipConditionAttribute>()
            .Select(condition => condition.SkipReason)
            .FirstOrDefault(reason => reason is not null);
        return conditional ?? base.GetSkipReason(factAttribute);
    }
}
