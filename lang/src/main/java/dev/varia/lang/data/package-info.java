/**
 * Data files: Stan/posteriordb JSON and CSV read into raw values ({@link
 * dev.varia.lang.data.DataFile}) and checked against a program's data declarations ({@link
 * dev.varia.lang.data.DataBinder}), giving {@code Map<String, Tensor>}.
 */
package dev.varia.lang.data;
