package io.nexus.engine;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The engine's shape: packages that depend on each other one way only (the root API at the bottom, the model packages
 * on top of it), and a public surface of the types users need, implementations kept package-private.
 */
class EngineArchitectureTest {
  private static final JavaClasses ENGINE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.nexus.engine");

  /** Each package of the engine is a slice of its own, the root package included. */
  private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      return SliceIdentifier.of(javaClass.getPackageName());
    }

    @Override
    public String getDescription() {
      return "every package of io.nexus.engine";
    }
  };

  @Test
  void packagesDoNotDependOnEachOtherInCycles() {
    assertThat(ENGINE.stream().map(JavaClass::getPackageName).distinct())
        .as("the check sees every package").containsExactlyInAnyOrder("io.nexus.engine", "io.nexus.engine.budget",
            "io.nexus.engine.internal", "io.nexus.engine.journey", "io.nexus.engine.markov", "io.nexus.engine.rules", "io.nexus.engine.shapley",
            "io.nexus.engine.uncertainty");

    slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(ENGINE);
  }

  @Test
  void theRootPackageDependsOnNoOtherPackageOfTheEngine() {
    Set<String> used = new TreeSet<>();
    ENGINE.stream().filter(c -> c.getPackageName().equals("io.nexus.engine"))
        .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
        .map(d -> d.getTargetClass().getPackageName())
        .filter(p -> p.startsWith("io.nexus.engine.")).forEach(used::add);

    assertThat(used).isEmpty();
  }

  @Test
  void thePublicSurfaceIsTheApiAndOneRegistrationPerModelPackage() {
    Set<String> visible = new TreeSet<>();
    ENGINE.stream().filter(EngineArchitectureTest::reachableFromOutside)
        .filter(c -> !c.getPackageName().equals("io.nexus.engine.internal"))
        .forEach(c -> visible.add(c.getName().substring("io.nexus.engine.".length()).replace('$', '.')));

    assertThat(visible).containsExactlyInAnyOrder(
        "Attribution", "Attribution.CreditConsumer", "Attribution.ModelRun", "AttributionModel", "Channel",
        "ChannelCredit", "ChannelDictionary", "ChannelTotals", "ChannelTotals.ChannelTotal", "Conversion",
        "DecimalText", "FittedModel", "InvalidModelException", "Journey", "JourneyBatch", "JourneyBatch.Builder",
        "JourneyCredits", "JourneyId", "ModelFamily", "ModelSpec", "ModelType", "ModelType.Parameter",
        "ModelType.Parameter.Kind", "Models", "PartialTotals", "PathTransform", "ReturnOnSpend", "Touchpoint",
        "TrainingStatistics",
        "budget.BudgetOptimizer", "budget.BudgetPlan", "budget.ChannelPlan", "budget.CurveFit",
        "budget.PlanBootstrap", "budget.ResponseCurve", "budget.ResponseCurves", "budget.SpendHistory",
        "budget.SpendLimits",
        "journey.ChannelGrouping", "journey.ChannelGrouping.Condition", "journey.ChannelGrouping.Rule",
        "journey.ChannelGrouping.Traffic", "journey.JourneyBuilder", "journey.JourneyBuilder.Result",
        "journey.UserEvent",
        "markov.MarkovFamily", "markov.MarkovFit", "markov.MarkovFit.RemovalEffect", "markov.MarkovFit.Transition",
        "rules.RuleFamily",
        "shapley.ShapleyFamily",
        "uncertainty.Bootstrap", "uncertainty.ChannelInterval", "uncertainty.Interval", "uncertainty.ModelIntervals",
        "uncertainty.Resampling");
  }

  @Test
  void everyPublicTypeSaysWhatItIsInItsDocumentation() throws IOException {
    // Javadoc is not in class files: read the sources, which the build runs from the module directory.
    Set<String> undocumented = new TreeSet<>();
    for (JavaClass type : ENGINE) {
      if (type.isTopLevelClass() && type.getModifiers().contains(JavaModifier.PUBLIC)) {
        String source = Files.readString(Path.of("src/main/java", type.getName().replace('.', '/') + ".java"));
        Pattern documented = Pattern.compile("\\*/\\s*(@[\\w.]+(\\([^)]*\\))?\\s*)*public (final |abstract )?"
            + "(class|interface|record|enum) " + type.getSimpleName() + "\\b");
        if (!documented.matcher(source).find()) {
          undocumented.add(type.getSimpleName());
        }
      }
    }

    assertThat(undocumented).isEmpty();
  }

  private static boolean reachableFromOutside(JavaClass type) {
    JavaClass outer = type;
    while (true) {
      if (!outer.getModifiers().contains(JavaModifier.PUBLIC) || outer.isAnonymousClass() || outer.isLocalClass()) {
        return false;
      }
      if (outer.getEnclosingClass().isEmpty()) {
        return true;
      }
      outer = outer.getEnclosingClass().get();
    }
  }
}
