package io.nexus.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --format}, whose {@code ga4-export} is no Java name. */
final class FormatConverter implements ITypeConverter<AttributeCommand.Format> {
  @Override
  public AttributeCommand.Format convert(String value) {
    try {
      return AttributeCommand.Format.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "': " + e.getMessage());
    }
  }
}
