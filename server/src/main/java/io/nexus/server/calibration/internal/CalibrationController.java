package io.nexus.server.calibration.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/attribution/calibration}: lift tests, and the calibration factors they give each model. */
@RestController
@RequestMapping(path = "/api/v1/attribution/calibration", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Calibration")
class CalibrationController {
  private final CalibrationService calibration;

  CalibrationController(CalibrationService calibration) {
    this.calibration = calibration;
  }

  @PostMapping("/lift-tests")
  @Operation(summary = "Store a lift test: a channel's incremental conversions (or lift) over some days, with its "
      + "confidence interval")
  ResponseEntity<LiftTest> create(@Valid @RequestBody LiftTestRequest request) {
    LiftTest created = calibration.create(request);
    return ResponseEntity.created(URI.create("/api/v1/attribution/calibration/lift-tests/" + created.id()))
        .body(created);
  }

  @GetMapping("/lift-tests")
  @Operation(summary = "List lift tests, optionally of one channel")
  List<LiftTest> list(@RequestParam(name = "channel_id", required = false) Long channelId) {
    return calibration.list(channelId);
  }

  @GetMapping("/lift-tests/{id}")
  @Operation(summary = "Get a lift test")
  LiftTest get(@PathVariable long id) {
    return calibration.get(id);
  }

  @DeleteMapping("/lift-tests/{id}")
  @Operation(summary = "Delete a lift test; the calibrations it took part in no longer use it")
  ResponseEntity<Void> delete(@PathVariable long id) {
    calibration.delete(id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/factors")
  @Operation(summary = "Per channel with lift tests, the calibration factor of a model and the tests behind it")
  List<CalibrationService.ChannelFactors> factors(@RequestParam(name = "attribution_model_id") long modelId) {
    return calibration.report(modelId);
  }
}
