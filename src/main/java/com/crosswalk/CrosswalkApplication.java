package com.crosswalk;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/**
 * The job's Spring application. The crosswalk.* settings are validated by Spring Boot's binder, which bootstraps a
 * validator of its own; no bean uses method validation, so the general-purpose validator (a second bootstrap at
 * every start) is left out.
 */
@SpringBootApplication(exclude = ValidationAutoConfiguration.class)
public class CrosswalkApplication {
}
