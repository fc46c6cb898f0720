package io.nexus.server.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a constraint annotation as one about what the database can store (a column's precision, the range of times)
 * rather than about the form of the request: a value that breaks only such constraints is answered 422, not 400
 * (see {@link ApiException#isUnstorable}).
 */
@Documented
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Unstorable {}
