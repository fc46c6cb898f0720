package io.nexus.server.attribution.internal;

import io.nexus.engine.FittedModel;
import io.nexus.engine.markov.MarkovFit;
import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/attribution/models/{id}/markov-chain}: the chain a Markov model solved on its training window,
 * its transition probabilities between every state (start, channels, conversion, null) and the removal effects that
 * give its credits; with {@code lookback_days} or {@code exclude_direct}, the chain solved on the touches they keep.
 */
@RestController
@Tag(name = "Attribution")
class MarkovChainController {
  private final FitProvider fits;

  MarkovChainController(FitProvider fits) {
    this.fits = fits;
  }

  /** One transition of the chain. */
  record Transition(String from, String to, double probability) {}

  /** A channel's removal effect: the share of conversions (and of value) the chain loses without it. */
  record RemovalEffect(long channelId, String channelName, double conversion, double value) {}

  /**
   * The solved chain; {@code states} lists the start state first, then the channel states in name order, then the
   * conversion and null states.
   */
  record MarkovChain(long modelId, String modelName, int order, Integer trainingWindowDays,
      double conversionProbability, double expectedValue, List<String> states, List<Transition> transitions,
      List<RemovalEffect> removalEffects, List<String> notes) {}

  @GetMapping(path = "/api/v1/attribution/models/{id}/markov-chain", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "A Markov model's transition probabilities (start, channel, conversion and null states) and "
      + "removal effects, as fitted on its training window (of the touches within a lookback and without Direct)")
  MarkovChain chain(@PathVariable long id,
      @Parameter(description = TouchFilter.LOOKBACK_DAYS_DOC)
      @RequestParam(name = "lookback_days", required = false) Integer lookbackDays,
      @Parameter(description = TouchFilter.EXCLUDE_DIRECT_DOC)
      @RequestParam(name = "exclude_direct", required = false) Boolean excludeDirect) {
    TouchFilter touches = TouchFilter.of(lookbackDays, excludeDirect);
    ModelDefinition model = fits.usable(id);
    FittedModel fit = fits.fit(model, touches);
    if (!(fit instanceof MarkovFit markov)) {
      throw ApiException.conflict("attribution model " + id + " (" + model.name() + ") is a " + model.modelType()
          + " model, not a Markov chain; choose a markov model");
    }
    Set<String> channelStates = new java.util.TreeSet<>();
    List<Transition> transitions = new ArrayList<>(markov.transitions().size());
    for (MarkovFit.Transition t : markov.transitions()) {
      transitions.add(new Transition(t.from(), t.to(), t.probability()));
      for (String state : List.of(t.from(), t.to())) {
        if (!state.equals(MarkovFit.START) && !state.equals(MarkovFit.CONVERSION) && !state.equals(MarkovFit.NULL)) {
          channelStates.add(state);
        }
      }
    }
    Set<String> states = new LinkedHashSet<>();
    states.add(MarkovFit.START);
    states.addAll(channelStates);
    states.add(MarkovFit.CONVERSION);
    states.add(MarkovFit.NULL);
    List<RemovalEffect> effects = markov.removalEffects().stream()
        .map(e -> new RemovalEffect(e.channel().id(), e.channel().name(), e.conversion(), e.value())).toList();
    return new MarkovChain(model.id(), model.name(), markov.order(), model.trainingDataWindowDays(),
        markov.conversionProbability(), markov.expectedValue(), List.copyOf(states), transitions, effects,
        markov.notes());
  }
}
