using Retrain.Engine.Registry;
using Retrain.Engine.Store;
using Xunit;
using static Retrain.Engine.Tests.Store.StoreAssert;

namespace Retrain.Engine.Tests.Store;

// Deployment roles beside the stages: one holder per role, never the Production or an Archived version, ended in the
// same event as the stage change that would put it there.
public abstract partial class StoreContractTests
{
    private void ThreeVersionsOneInProduction()
    {
        for (int i = 0; i < 3; i++)
            Register(Store);
        Store.TransitionStage("pm", 1, ModelStage.Production, true, null);
    }

    [Fact]
    public void A_role_moves_in_one_event_and_every_instance_sees_its_holder()
    {
        ThreeVersionsOneInProduction();
        Store.SetRole("pm", DeploymentRole.Shadow, 2, null, "watch v2");
        ModelVersion v3 = Store.SetRole("pm", DeploymentRole.Shadow, 3, null, "watch v3 instead");
        Assert.Equal(DeploymentRole.Shadow, v3.Role);
        RegistryEvent moved = Store.GetEvents("pm")[^1];
        Assert.Equal((RegistryActions.SetRole, 3, 2, "shadow"), (moved.Action, moved.Version!.Value, moved.PreviousVersion!.Value, moved.Details["role"]));
        IRetrainStore other = OpenStore();
        RoleAssignment held = Assert.Single(other.GetRoles("pm"));
        Assert.Equal((DeploymentRole.Shadow, 3, moved.Sequence), (held.Role, held.Version, held.Sequence));
        Assert.Null(other.GetVersion("pm", 2).Role);
        Assert.Equal(ModelStage.None, other.GetVersion("pm", 3).Stage);
    }

    [Fact]
    public void Production_and_archived_versions_take_no_role_and_a_version_holds_one_role()
    {
        ThreeVersionsOneInProduction();
        Store.TransitionStage("pm", 2, ModelStage.Archived, false, null);
        int events = Store.GetEvents("pm").Count;
        Fails(RetrainErrorKind.InvalidOperation, "RoleOnProduction", () => Store.SetRole("pm", DeploymentRole.Shadow, 1, null, null));
        var archived = Fails(RetrainErrorKind.InvalidOperation, "RoleOnArchived", () => Store.SetRole("pm", DeploymentRole.Shadow, 2, null, null));
        // The way out it names exists (no cmdlet moves a version back to Staging).
        Assert.Contains("Save-ModelVersion -Name pm -Version 2 -Destination <folder> | Register-ModelVersion -Name pm", archived.Message);
        Fails(RetrainErrorKind.InvalidArgument, "InvalidTrafficPercent", () => Store.SetRole("pm", DeploymentRole.Shadow, 3, 10, null));
        Store.SetRole("pm", DeploymentRole.Shadow, 3, null, null);
        Fails(RetrainErrorKind.InvalidOperation, "VersionHasRole", () => Store.SetRole("pm", DeploymentRole.Canary, 3, 10, null));
        Fails(RetrainErrorKind.InvalidOperation, "ProductionMoved", () => Store.SetRole("pm", DeploymentRole.Shadow, 3, null, null, expectedProductionVersion: 2));
        Assert.Equal(events + 1, Store.GetEvents("pm").Count);
    }

    [Fact]
    public void Promoting_or_archiving_the_holder_ends_its_role_in_the_same_event()
    {
        ThreeVersionsOneInProduction();
        Store.SetRole("pm", DeploymentRole.Shadow, 2, null, null);
        int events = Store.GetEvents("pm").Count;
        Store.TransitionStage("pm", 2, ModelStage.Production, true, "the shadow won");
        Assert.Equal(events + 1, Store.GetEvents("pm").Count);
        Assert.Equal("shadow", Store.GetEvents("pm")[^1].Details["ended_roles"]);
        Assert.Empty(Store.GetRoles("pm"));
        Assert.Null(Store.GetVersion("pm", 2).Role);

        Store.SetRole("pm", DeploymentRole.Shadow, 3, null, null);
        Store.TransitionStage("pm", 3, ModelStage.Archived, false, null);
        Assert.Empty(OpenStore().GetRoles("pm"));
    }

    [Fact]
    public void A_role_ends_without_a_stage_change_and_its_holder_cannot_be_removed_before()
    {
        ThreeVersionsOneInProduction();
        Store.SetRole("pm", DeploymentRole.Shadow, 2, null, null);
        Fails(RetrainErrorKind.InvalidOperation, "VersionHasRole", () => Store.DeleteVersion("pm", 2, null));
        Assert.Equal(2, Store.EndRole("pm", DeploymentRole.Shadow, "enough").Version);
        Assert.Empty(Store.GetRoles("pm"));
        Assert.Equal(ModelStage.None, Store.GetVersion("pm", 2).Stage);
        Fails(RetrainErrorKind.ObjectNotFound, "NoDeploymentRole", () => Store.EndRole("pm", DeploymentRole.Shadow, null));
        Store.DeleteVersion("pm", 2, null);
    }
}
