package com.chief.model;

/** Body measurements of a store order. */
public record Measurements(double bust, double weight, double hip, double waist) {
}
