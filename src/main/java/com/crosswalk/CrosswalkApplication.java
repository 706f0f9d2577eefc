package com.crosswalk;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CrosswalkApplication {
}
